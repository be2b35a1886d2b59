using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client;

/// <summary>
/// The WebSocket transport's settings, copied and checked once from the options, plus what it
/// shares with the rest of the client (HTTP client, clock, logger, authorization).
/// </summary>
internal sealed class WebSocketSettings
{
    public WebSocketSettings(
        GraphQLWebSocketOptions options,
        Uri httpEndpoint,
        HttpClient? httpClient,
        AuthorizationCoordinator? authorization,
        string authorizationHeader,
        JsonSerializerOptions jsonOptions,
        TimeProvider timeProvider,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);

        Endpoint = options.Endpoint ?? ToWebSocketUri(httpEndpoint);
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeWs
            && Endpoint.Scheme != Uri.UriSchemeWss))
        {
            throw new ArgumentException(
                "GraphQLWebSocketOptions.Endpoint must be an absolute ws or wss URL.",
                nameof(options));
        }

        var protocols = new List<WebSocketProtocol>();
        foreach (var protocol in options.Protocols ?? [])
        {
            var known = WebSocketProtocol.For(protocol);
            if (!protocols.Contains(known))
            {
                protocols.Add(known);
            }
        }

        if (protocols.Count == 0)
        {
            throw new ArgumentException(
                "GraphQLWebSocketOptions.Protocols must name at least one sub-protocol.",
                nameof(options));
        }

        RequirePositive(options.ConnectionAckTimeout, "ConnectionAckTimeout");
        RequirePositive(options.PongTimeout, "PongTimeout");
        RequirePositive(options.CloseTimeout, "CloseTimeout");
        RequirePositive(options.ReconnectDelay, "ReconnectDelay");
        RequirePositive(options.MaxReconnectDelay, "MaxReconnectDelay");
        if (options.PingInterval is { } ping)
        {
            RequirePositive(ping, "PingInterval");
        }

        if (options.KeepAliveTimeout is { } keepAlive)
        {
            RequirePositive(keepAlive, "KeepAliveTimeout");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(
            options.IdleTimeout,
            TimeSpan.Zero,
            nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(
            options.StableConnectionPeriod,
            TimeSpan.Zero,
            nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(
            options.MaxReconnectAttempts,
            1,
            nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessageBytes, 64, nameof(options));
        if (options.MaxBufferedResults is { } buffered)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(buffered, 1, nameof(options));
        }

        Protocols = protocols;
        Fallback = WebSocketProtocol.For(options.FallbackProtocol);
        PayloadShape = options.PayloadShape;
        PayloadFactory = options.PayloadFactory;
        SendHeadersOnUpgrade = options.SendHeadersOnUpgrade;
        ConnectionAckTimeout = options.ConnectionAckTimeout;
        PingInterval = options.PingInterval;
        PongTimeout = options.PongTimeout;
        KeepAliveTimeout = options.KeepAliveTimeout;
        IdleTimeout = options.IdleTimeout;
        CloseTimeout = options.CloseTimeout;
        Reconnect = options.Reconnect;
        MaxReconnectAttempts = options.MaxReconnectAttempts;
        StableConnectionPeriod = options.StableConnectionPeriod;
        ReconnectDelay = options.ReconnectDelay;
        MaxReconnectDelay = options.MaxReconnectDelay;
        MaxBufferedResults = options.MaxBufferedResults;
        MaxMessageBytes = options.MaxMessageBytes;
        HttpClient = httpClient;
        Invoker = options.UseHttpClientForUpgrade ? httpClient : null;
        Authorization = authorization;
        AuthorizationHeader = authorizationHeader;
        JsonOptions = jsonOptions;
        TimeProvider = timeProvider;
        Logger = logger;
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<WebSocketProtocol> Protocols { get; }

    public WebSocketProtocol Fallback { get; }

    public GraphQLConnectionPayloadShape PayloadShape { get; }

    public GraphQLConnectionPayloadFactory? PayloadFactory { get; }

    public bool SendHeadersOnUpgrade { get; }

    public TimeSpan ConnectionAckTimeout { get; }

    public TimeSpan? PingInterval { get; }

    public TimeSpan PongTimeout { get; }

    public TimeSpan? KeepAliveTimeout { get; }

    public TimeSpan IdleTimeout { get; }

    public TimeSpan CloseTimeout { get; }

    public bool Reconnect { get; }

    public int MaxReconnectAttempts { get; }

    public TimeSpan StableConnectionPeriod { get; }

    public TimeSpan ReconnectDelay { get; }

    public TimeSpan MaxReconnectDelay { get; }

    public int? MaxBufferedResults { get; }

    public int MaxMessageBytes { get; }

    /// <summary>The client's HTTP client, whose default headers go on the upgrade.</summary>
    public HttpClient? HttpClient { get; }

    /// <summary>
    /// What sends the upgrade request; null lets the socket make its own connection.
    /// </summary>
    public HttpMessageInvoker? Invoker { get; }

    public AuthorizationCoordinator? Authorization { get; }

    public string AuthorizationHeader { get; }

    public JsonSerializerOptions JsonOptions { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    /// <summary>
    /// The endpoint as scheme, host, port and path, for logs and messages: the user info may
    /// hold a password and the query keys.
    /// </summary>
    public string DescribeEndpoint() => Redaction.DescribeEndpoint(Endpoint);

    /// <summary>Turns http into ws and https into wss, keeping path and query.</summary>
    public static Uri ToWebSocketUri(Uri httpEndpoint)
    {
        var builder = new UriBuilder(httpEndpoint)
        {
            Scheme = httpEndpoint.Scheme == Uri.UriSchemeHttps ? Uri.UriSchemeWss : Uri.UriSchemeWs,
        };
        return builder.Uri;
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                $"GraphQLWebSocketOptions.{name} must be positive.");
        }
    }
}
