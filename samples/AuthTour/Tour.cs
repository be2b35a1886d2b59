using System.Diagnostics;
using AioGraphQL.DemoServer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AioGraphQL.AuthTour;

/// <summary>Runs the guide's patterns in order, one printed line each.</summary>
internal sealed class Tour(
    DemoServerHost server,
    ILoggerFactory? loggerFactory = null,
    TextWriter? output = null)
{
    private readonly ILoggerFactory _loggers = loggerFactory ?? NullLoggerFactory.Instance;

    private readonly TextWriter _output = output ?? Console.Out;

    private HttpPatterns? _http;

    /// <summary>Every credential the tour used, for the secret scan in the tests.</summary>
    public SecretLedger Secrets { get; } = new();

    private int _failed;

    public async Task<int> RunAsync()
    {
        Secrets.Add(DemoCredentials.Password);
        Secrets.Add(DemoCredentials.ApiKey);
        _http = new HttpPatterns(server, Secrets, _loggers);
        await WarmUpAsync();
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
        foreach (var (name, step) in SubscriptionSteps.All(server, Secrets, _loggers))
        {
            await StepAsync(name, step);
        }

        return _failed;
    }

    private async Task WarmUpAsync()
    {
        // The first request pays for start-up (JIT, schema build); keep that out of the
        // timed steps, whose short-lived tokens expire in seconds.
        await using var client = new Client.GraphQLClient(server.Endpoint.ToString());
        using var response = await client.QueryAsync("{ hello }");
    }

    private async Task StepAsync(string name, Func<Task<string>> step)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var confirmed = await step().WaitAsync(TimeSpan.FromSeconds(30));
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _output.WriteLine($"  ok    {name,-40} {confirmed} ({ms:0} ms)");
        }
        catch (Exception ex)
        {
            _failed++;
            _output.WriteLine($"  FAIL  {name,-40} {ex.GetType().Name}: {ex.Message}");
        }
    }
}
