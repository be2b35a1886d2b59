namespace AioGraphQL.Client;

/// <summary>
/// Settings of the WebSocket transport that carries subscriptions; part of
/// <see cref="GraphQLClientOptions"/> and read once when the client is built.
/// </summary>
public sealed class GraphQLWebSocketOptions
{
    /// <summary>The default <see cref="ConnectionAckTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultConnectionAckTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="PongTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultPongTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="KeepAliveTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultKeepAliveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="IdleTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="CloseTimeout"/>: 2 seconds.</summary>
    public static readonly TimeSpan DefaultCloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The default <see cref="ReconnectDelay"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultReconnectDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="MaxReconnectDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxReconnectDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="MaxReconnectAttempts"/>: 5.</summary>
    public const int DefaultMaxReconnectAttempts = 5;

    /// <summary>The default <see cref="MaxMessageBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The WebSocket URL. When unset it is the client's endpoint with <c>http</c> turned into
    /// <c>ws</c> and <c>https</c> into <c>wss</c>, path and query kept.
    /// </summary>
    /// <value><see langword="null"/>: derived from the HTTP endpoint.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The sub-protocols offered in the upgrade, in order of preference; the client speaks
    /// whichever the server accepts.
    /// </summary>
    /// <value><see cref="GraphQLWebSocketProtocol.GraphQLTransportWs"/>, then the legacy
    /// <see cref="GraphQLWebSocketProtocol.GraphQLWs"/>.</value>
    public IList<GraphQLWebSocketProtocol> Protocols { get; set; } =
        [GraphQLWebSocketProtocol.GraphQLTransportWs, GraphQLWebSocketProtocol.GraphQLWs];

    /// <summary>
    /// The sub-protocol spoken when the server accepts the upgrade but names none.
    /// </summary>
    /// <value><see cref="GraphQLWebSocketProtocol.GraphQLWs"/> (legacy).</value>
    public GraphQLWebSocketProtocol FallbackProtocol { get; set; } =
        GraphQLWebSocketProtocol.GraphQLWs;

    /// <summary>Where the user headers go in the <c>connection_init</c> payload.</summary>
    /// <value><see cref="GraphQLConnectionPayloadShape.TopLevel"/>.</value>
    public GraphQLConnectionPayloadShape PayloadShape { get; set; } =
        GraphQLConnectionPayloadShape.TopLevel;

    /// <summary>
    /// Builds the <c>connection_init</c> payload instead of the headers; run on every connect
    /// and reconnect.
    /// </summary>
    /// <value><see langword="null"/>: the payload is the merged user headers.</value>
    public GraphQLConnectionPayloadFactory? PayloadFactory { get; set; }

    /// <summary>
    /// Whether the user headers (and the authorization provider's value) also go on the HTTP
    /// upgrade request, besides the payload.
    /// </summary>
    /// <value><see langword="true"/>.</value>
    public bool SendHeadersOnUpgrade { get; set; } = true;

    /// <summary>
    /// How long connecting may take, from opening the socket to the server's
    /// <c>connection_ack</c>; past it the connect fails with a
    /// <see cref="GraphQLTimeoutException"/>.
    /// </summary>
    /// <value>10 seconds (<see cref="DefaultConnectionAckTimeout"/>).</value>
    public TimeSpan ConnectionAckTimeout { get; set; } = DefaultConnectionAckTimeout;

    /// <summary>
    /// How often the client sends a <c>graphql-transport-ws</c> <c>ping</c>; server pings are
    /// always answered. The legacy protocol has no client ping.
    /// </summary>
    /// <value><see langword="null"/>: the client sends no pings.</value>
    public TimeSpan? PingInterval { get; set; }

    /// <summary>
    /// How long a client ping may wait for its pong before the socket is given up.
    /// </summary>
    /// <value>10 seconds (<see cref="DefaultPongTimeout"/>).</value>
    public TimeSpan PongTimeout { get; set; } = DefaultPongTimeout;

    /// <summary>
    /// With the legacy protocol, once the server has sent one <c>ka</c>, the longest gap
    /// allowed before the next; past it the socket is given up.
    /// </summary>
    /// <value>30 seconds (<see cref="DefaultKeepAliveTimeout"/>); <see langword="null"/> turns
    /// the watchdog off.</value>
    public TimeSpan? KeepAliveTimeout { get; set; } = DefaultKeepAliveTimeout;

    /// <summary>How long a socket with no operation stays open for the next one.</summary>
    /// <value>5 seconds (<see cref="DefaultIdleTimeout"/>); zero closes at once.</value>
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

    /// <summary>
    /// The most that stopping an operation or closing a socket waits on the server; after it
    /// the socket is aborted, so cancel and dispose return even when the peer vanished.
    /// </summary>
    /// <value>2 seconds (<see cref="DefaultCloseTimeout"/>).</value>
    public TimeSpan CloseTimeout { get; set; } = DefaultCloseTimeout;

    /// <summary>
    /// Whether a socket lost to a retryable close (see <see cref="GraphQLWebSocketException"/>)
    /// is reconnected, with back-off, and its running operations subscribed again. Messages the
    /// server sent while the socket was down are not recovered.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool Reconnect { get; set; }

    /// <summary>How many connects in a row may fail before the operations fail.</summary>
    /// <value>5 (<see cref="DefaultMaxReconnectAttempts"/>).</value>
    public int MaxReconnectAttempts { get; set; } = DefaultMaxReconnectAttempts;

    /// <summary>
    /// The wait before the first reconnect; it doubles for each further attempt up to
    /// <see cref="MaxReconnectDelay"/>, and each wait is drawn at random from its upper half.
    /// </summary>
    /// <value>1 second (<see cref="DefaultReconnectDelay"/>).</value>
    public TimeSpan ReconnectDelay { get; set; } = DefaultReconnectDelay;

    /// <summary>The longest wait between reconnect attempts.</summary>
    /// <value>30 seconds (<see cref="DefaultMaxReconnectDelay"/>).</value>
    public TimeSpan MaxReconnectDelay { get; set; } = DefaultMaxReconnectDelay;

    /// <summary>
    /// How many results of one operation may wait for a slow consumer. When the limit is
    /// reached the client stops reading the socket until the consumer catches up, which holds
    /// back every operation on that socket and its keep-alives; nothing is ever dropped.
    /// </summary>
    /// <value><see langword="null"/>: no limit, so a slow consumer costs memory instead.</value>
    public int? MaxBufferedResults { get; set; }

    /// <summary>The largest message accepted; a larger one fails the socket.</summary>
    /// <value>16 MiB (<see cref="DefaultMaxMessageBytes"/>).</value>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>
    /// Whether an injected <see cref="HttpClient"/> carries the upgrade request, so its
    /// handler's cookies, proxy and certificates apply to the handshake (.NET 7 and later).
    /// Its <see cref="HttpClient.DefaultRequestHeaders"/> are copied to the upgrade either way.
    /// </summary>
    /// <value><see langword="true"/>.</value>
    public bool UseHttpClientForUpgrade { get; set; } = true;
}
