namespace AioGraphQL.Client;

/// <summary>
/// One entry in an operation's queue: a result, or for callback subscriptions a connection
/// event, so that every callback of a subscription runs in the order things happened.
/// </summary>
internal readonly struct WebSocketOperationEvent
{
    private WebSocketOperationEvent(
        WebSocketOperationEventKind kind,
        GraphQLResponse? response,
        GraphQLKeepAliveKind keepAlive,
        GraphQLWebSocketException? close)
    {
        Kind = kind;
        Response = response;
        KeepAlive = keepAlive;
        Close = close;
    }

    public WebSocketOperationEventKind Kind { get; }

    public GraphQLResponse? Response { get; }

    public GraphQLKeepAliveKind KeepAlive { get; }

    public GraphQLWebSocketException? Close { get; }

    public static WebSocketOperationEvent Result(GraphQLResponse response) =>
        new(WebSocketOperationEventKind.Result, response, default, null);

    public static WebSocketOperationEvent Acknowledged() =>
        new(WebSocketOperationEventKind.ConnectionAck, null, default, null);

    public static WebSocketOperationEvent KeepAliveReceived(GraphQLKeepAliveKind kind) =>
        new(WebSocketOperationEventKind.KeepAlive, null, kind, null);

    public static WebSocketOperationEvent Closed(GraphQLWebSocketException close) =>
        new(WebSocketOperationEventKind.Closed, null, default, close);
}
