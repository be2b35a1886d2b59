namespace AioGraphQL.Client;

/// <summary>What a message from the server means, whichever sub-protocol named it.</summary>
internal enum WebSocketMessageKind
{
    /// <summary>A type the sub-protocol does not define for the server to send.</summary>
    Unknown,

    /// <summary><c>connection_ack</c>.</summary>
    ConnectionAck,

    /// <summary>Legacy <c>connection_error</c>: the connection payload was refused.</summary>
    ConnectionError,

    /// <summary><c>ping</c>, to be answered with a pong.</summary>
    Ping,

    /// <summary><c>pong</c>.</summary>
    Pong,

    /// <summary>Legacy <c>ka</c>.</summary>
    KeepAlive,

    /// <summary>A result: <c>next</c>, or legacy <c>data</c>.</summary>
    Next,

    /// <summary>An operation failed: <c>error</c>.</summary>
    Error,

    /// <summary>An operation finished: <c>complete</c>.</summary>
    Complete,
}
