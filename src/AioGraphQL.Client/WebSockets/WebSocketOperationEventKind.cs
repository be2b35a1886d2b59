namespace AioGraphQL.Client;

/// <summary>What an entry in an operation's queue carries.</summary>
internal enum WebSocketOperationEventKind
{
    /// <summary>A result for the consumer.</summary>
    Result,

    /// <summary>The socket was acknowledged (first connect or a reconnect).</summary>
    ConnectionAck,

    /// <summary>A keep-alive message arrived.</summary>
    KeepAlive,

    /// <summary>The socket closed; a reconnect may follow.</summary>
    Closed,
}
