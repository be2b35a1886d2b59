namespace AioGraphQL.Client;

/// <summary>
/// One entry in an operation's queue: a result, or for callback subscriptions a connection
/// event, so that every callback of a subscription runs in the order things happened.
/// </summary>
internal readonly struct WebSocketOperationEvent
{
    private WebSocketOperationEvent(
        WebSocketOperationEventKind kind,
        WebSocketResultPayload? result,
        GraphQLKeepAliveKind keepAlive,
        GraphQLWebSocketException? close)
    {
        Kind = kind;
        Result = result;
        KeepAlive = keepAlive;
        Close = close;
    }

    public WebSocketOperationEventKind Kind { get; }

    /// <summary>The payload of a result, parsed by the consumer.</summary>
    public WebSocketResultPayload? Result { get; }

    public GraphQLKeepAliveKind KeepAlive { get; }

    public GraphQLWebSocketException? Close { get; }

    public static WebSocketOperationEvent Received(WebSocketResultPayload result) =>
        new(WebSocketOperationEventKind.Result, result, default, null);

    public static WebSocketOperationEvent Acknowledged() =>
        new(WebSocketOperationEventKind.ConnectionAck, null, default, null);

    public static WebSocketOperationEvent KeepAliveReceived(GraphQLKeepAliveKind kind) =>
        new(WebSocketOperationEventKind.KeepAlive, null, kind, null);

    public static WebSocketOperationEvent Closed(GraphQLWebSocketException close) =>
        new(WebSocketOperationEventKind.Closed, null, default, close);
}
