using System.Net;
using AioGraphQL.Client;
using AioGraphQL.DemoServer;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.AuthTour;

/// <summary>The guide's HTTP patterns, each written the way a user would write it.</summary>
internal sealed class HttpPatterns(
    DemoServerHost server,
    SecretLedger secrets,
    ILoggerFactory loggers)
{
    private static readonly HttpClient s_accountHttp = new();

    private readonly string _endpoint = server.Endpoint.ToString();

    private ILogger<GraphQLClient> Logger => loggers.CreateLogger<GraphQLClient>();

    private static string BasicCredentials =>
        GraphQLAuth.Basic(DemoCredentials.User, DemoCredentials.Password);

    public async Task<string> BearerDefaultAsync()
    {
        var token = await FetchTokenAsync();

        await using var client = new GraphQLClient(
            _endpoint,
            headers: new() { ["Authorization"] = $"Bearer {token.Value}" },
            logger: Logger);
        using var response = await client.QueryAsync(Viewer.Query);

        return Viewer.Expect(response, "bearer");
    }

    public async Task<string> BasicAsync()
    {
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new()
            {
                ["Authorization"] = BasicCredentials,
            },
            logger: Logger);
        using var response = await client.QueryAsync(Viewer.Query);

        return Viewer.Expect(response, "basic");
    }

    public async Task<string> PerRequestOverrideAsync()
    {
        var userToken = await FetchTokenAsync();
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new()
            {
                ["Authorization"] = BasicCredentials,
            },
            logger: Logger);
        var request = new GraphQLRequest(Viewer.Query);

        using var asUser = await client.QueryAsync(
            request,
            headers: new() { ["Authorization"] = $"Bearer {userToken.Value}" });
        using var asClient = await client.QueryAsync(request);

        var confirmed = Viewer.Expect(asUser, "bearer");
        Viewer.Expect(asClient, "basic");
        return confirmed + "; the next call is basic again";
    }

    public async Task<string> OneOffHeadersAsync()
    {
        await using var client = new GraphQLClient(_endpoint, logger: Logger);
        var requestId = Guid.NewGuid().ToString("N");

        using var response = await client.QueryAsync(
            "{ echoHeader(name: \"X-Request-Id\") }",
            headers: new() { ["X-Request-Id"] = requestId });

        var seen = response.ThrowIfErrors().Data.GetProperty("echoHeader").GetString();
        return seen == requestId
            ? "server saw the call's X-Request-Id"
            : throw new TourCheckException("The server did not see the X-Request-Id.");
    }

    public async Task<string> CallerHelperTokenAsync()
    {
        await using var client = new GraphQLClient(_endpoint, logger: Logger);

        // The guide's own pattern: the caller's helper fetches a valid token for each call.
        var first = await FetchTokenAsync(2);
        using var before = await client.QueryAsync(
            Viewer.Query,
            headers: new() { ["Authorization"] = $"Bearer {first.Value}" });
        await DelayUntilAsync(first.ExpiresAt + TimeSpan.FromMilliseconds(200));
        using var stale = await client.QueryAsync(
            Viewer.Query,
            headers: new() { ["Authorization"] = $"Bearer {first.Value}" });
        var second = await FetchTokenAsync(2);
        using var after = await client.QueryAsync(
            Viewer.Query,
            headers: new() { ["Authorization"] = $"Bearer {second.Value}" });

        Viewer.Expect(before, "bearer");
        if (stale.StatusCode != HttpStatusCode.Unauthorized)
        {
            throw new TourCheckException("The expired token was not refused.");
        }

        return Viewer.Expect(after, "bearer") + "; the expired one got 401, a fresh one works";
    }

    public async Task<string> CachingTokenSourceAsync()
    {
        AccessToken? last = null;
        var tokens = new CachingTokenSource(
            async ct => (last = await FetchTokenAsync(3, ct)).Value,
            refreshMargin: TimeSpan.FromSeconds(1));
        await using var client = new GraphQLClient(new GraphQLClientOptions
        {
            Endpoint = server.Endpoint,
            AuthorizationProvider = tokens.AsAuthorizationProvider(),
        }, logger: Logger);

        using var first = await client.QueryAsync(Viewer.Query);

        // Once the token is within the margin of its expiry, the source fetches a new one.
        await DelayUntilAsync(last!.Value.ExpiresAt - TimeSpan.FromMilliseconds(900));
        using var second = await client.QueryAsync(Viewer.Query);

        Viewer.Expect(first, "bearer");
        var confirmed = Viewer.Expect(second, "bearer");
        return tokens.FetchCount == 2
            ? confirmed + "; refreshed once before expiry"
            : throw new TourCheckException($"Expected 2 token fetches, saw {tokens.FetchCount}.");
    }

    public async Task<string> RefreshHookAsync()
    {
        // A provider that trusts its cached token until the server refuses it.
        AccessToken? cached = null;
        var fetches = 0;
        await using var client = new GraphQLClient(new GraphQLClientOptions
        {
            Endpoint = server.Endpoint,
            AuthorizationProvider = async (context, ct) =>
            {
                if (cached is null || context.IsRefresh)
                {
                    fetches++;
                    cached = await FetchTokenAsync(2, ct);
                }

                return $"Bearer {cached.Value.Value}";
            },
        }, logger: Logger);

        using var first = await client.QueryAsync(Viewer.Query);
        await DelayUntilAsync(cached!.Value.ExpiresAt + TimeSpan.FromMilliseconds(200));
        using var second = await client.QueryAsync(Viewer.Query);

        Viewer.Expect(first, "bearer");
        var confirmed = Viewer.Expect(second, "bearer");
        return fetches == 2
            ? confirmed + "; expired token refused, refreshed once and retried"
            : throw new TourCheckException($"Expected 2 token fetches, saw {fetches}.");
    }

    public async Task<string> CookieSessionAsync()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler);
        await DemoAccount.LoginAsync(http, cookies, server.BaseAddress, secrets);

        await using var client = new GraphQLClient(_endpoint, httpClient: http, logger: Logger);
        using var response = await client.QueryAsync(Viewer.Query);

        return Viewer.Expect(response, "cookie");
    }

    public async Task<string> ApiKeyAsync()
    {
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new() { ["X-API-Key"] = DemoCredentials.ApiKey },
            logger: Logger);
        using var response = await client.QueryAsync(Viewer.Query);

        return Viewer.Expect(response, "apikey");
    }

    public async Task<string> PrecedenceAsync()
    {
        const string query = "{ echoHeader(name: \"x-feature\") }";
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new() { ["X-Feature"] = "client" },
            logger: Logger);
        var request = new GraphQLRequest(query, headers: new() { ["x-feature"] = "request" });

        using var fromClient = await client.QueryAsync(query);
        using var fromRequest = await client.QueryAsync(request);
        using var fromCall = await client.QueryAsync(
            request,
            headers: new() { ["X-FEATURE"] = "call" });
        using var removed = await client.QueryAsync(
            request,
            headers: new() { ["X-Feature"] = null });

        var seen = string.Join(" < ", new[] { fromClient, fromRequest, fromCall, removed }
            .Select(r => r.ThrowIfErrors().Data.GetProperty("echoHeader").GetString() ?? "(none)"));
        return seen == "client < request < call < (none)"
            ? $"server saw {seen}"
            : throw new TourCheckException($"Unexpected precedence: {seen}.");
    }

    private static Task DelayUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    private Task<AccessToken> FetchTokenAsync(
        int? ttlSeconds = null,
        CancellationToken cancellationToken = default) =>
        DemoAccount.FetchTokenAsync(
            s_accountHttp,
            server.BaseAddress,
            secrets,
            ttlSeconds,
            cancellationToken);
}
