using System.Net;
using AioGraphQL.Client;
using AioGraphQL.DemoServer;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.AuthTour;

/// <summary>
/// The guide's subscription patterns: the same headers that authenticate a query travel in the
/// <c>connection_init</c> payload, and a cookie session reaches the WebSocket handshake.
/// </summary>
internal sealed class SubscriptionSteps(
    DemoServerHost server,
    SecretLedger secrets,
    ILoggerFactory loggers)
{
    private const string WhoAmI = "subscription { whoami { login authMethod } }";

    private static readonly HttpClient s_accountHttp = new();

    private readonly string _endpoint = server.Endpoint.ToString();

    private ILogger<GraphQLClient> Logger => loggers.CreateLogger<GraphQLClient>();

    public static IEnumerable<(string Name, Func<Task<string>> Step)> All(
        DemoServerHost server,
        SecretLedger secrets,
        ILoggerFactory loggers)
    {
        var steps = new SubscriptionSteps(server, secrets, loggers);
        yield return ("subscription, bearer in connection_init", steps.BearerAsync);
        yield return ("subscription, API key in connection_init", steps.ApiKeyAsync);
        yield return ("subscription, cookie session on upgrade", steps.CookieSessionAsync);
        yield return ("subscription with callbacks", steps.CallbacksAsync);
    }

    public async Task<string> BearerAsync()
    {
        var token = await DemoAccount.FetchTokenAsync(s_accountHttp, server.BaseAddress, secrets);
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new() { ["Authorization"] = $"Bearer {token.Value}" },
            logger: Logger);

        return await ExpectViewerAsync(client, "bearer");
    }

    public async Task<string> ApiKeyAsync()
    {
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new() { ["X-API-Key"] = DemoCredentials.ApiKey },
            logger: Logger);

        return await ExpectViewerAsync(client, "apikey");
    }

    public async Task<string> CookieSessionAsync()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler);
        await DemoAccount.LoginAsync(http, cookies, server.BaseAddress, secrets);

        await using var client = new GraphQLClient(_endpoint, httpClient: http, logger: Logger);

        return await ExpectViewerAsync(client, "cookie");
    }

    public async Task<string> CallbacksAsync()
    {
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new() { ["X-API-Key"] = DemoCredentials.ApiKey },
            logger: Logger);
        var received = new List<int>();

        var subscription = client.Subscribe(
            new GraphQLRequest("subscription { counter(to: 3) }"),
            onData: response =>
            {
                received.Add(response.ThrowIfErrors().Data.GetProperty("counter").GetInt32());
                return ValueTask.CompletedTask;
            });
        await subscription.Completion;

        return received.SequenceEqual([1, 2, 3])
            ? $"callbacks got {string.Join(", ", received)} then completion"
            : throw new TourCheckException($"Unexpected results: {string.Join(", ", received)}.");
    }

    private static async Task<string> ExpectViewerAsync(GraphQLClient client, string method)
    {
        await foreach (var response in client.SubscribeAsync(WhoAmI))
        {
            using (response)
            {
                var viewer = response.ThrowIfErrors().Data.GetProperty("whoami");
                var login = viewer.GetProperty("login").GetString();
                var actual = viewer.GetProperty("authMethod").GetString();
                return actual == method
                    ? $"server saw {login} via {actual} over the socket"
                    : throw new TourCheckException($"Expected {method}, the server saw {actual}.");
            }
        }

        throw new TourCheckException("The subscription completed without a result.");
    }
}
