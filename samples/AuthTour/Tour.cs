using System.Diagnostics;
using AioGraphQL.DemoServer;

namespace AioGraphQL.AuthTour;

/// <summary>Runs the guide's patterns in order, one printed line each.</summary>
internal sealed class Tour(DemoServerHost server)
{
    private readonly HttpPatterns _http = new(server);

    private int _failed;

    public async Task<int> RunAsync()
    {
        await StepAsync("bearer token, client default", _http.BearerDefaultAsync);
        await StepAsync("basic auth", _http.BasicAsync);
        await StepAsync("per-request override", _http.PerRequestOverrideAsync);
        await StepAsync("one-off headers (X-Request-Id)", _http.OneOffHeadersAsync);
        await StepAsync("short-lived token, caller's helper", _http.CallerHelperTokenAsync);
        await StepAsync("short-lived token, caching source", _http.CachingTokenSourceAsync);
        await StepAsync("expired token refused, hook refreshes", _http.RefreshHookAsync);
        await StepAsync("cookie session via shared HttpClient", _http.CookieSessionAsync);
        await StepAsync("API key header", _http.ApiKeyAsync);
        await StepAsync("header precedence", _http.PrecedenceAsync);
        foreach (var (name, step) in SubscriptionSteps.All(server))
        {
            await StepAsync(name, step);
        }

        return _failed;
    }

    private async Task StepAsync(string name, Func<Task<string>> step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var confirmed = await step().WaitAsync(TimeSpan.FromSeconds(30));
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Console.WriteLine($"  ok    {name,-40} {confirmed} ({ms:0} ms)");
        }
        catch (Exception ex)
        {
            _failed++;
            Console.WriteLine($"  FAIL  {name,-40} {ex.GetType().Name}: {ex.Message}");
        }
    }
}
