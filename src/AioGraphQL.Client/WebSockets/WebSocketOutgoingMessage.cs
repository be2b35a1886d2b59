namespace AioGraphQL.Client;

/// <summary>The messages a session sends after <c>connection_init</c>.</summary>
internal enum WebSocketOutgoingMessage
{
    /// <summary>Starts an operation: <c>subscribe</c>, or legacy <c>start</c>.</summary>
    Subscribe,

    /// <summary>Stops an operation: <c>complete</c>, or legacy <c>stop</c>.</summary>
    Stop,

    /// <summary>A client <c>ping</c>.</summary>
    Ping,

    /// <summary>The answer to a server <c>ping</c>.</summary>
    Pong,

    /// <summary>Legacy <c>connection_terminate</c>, before a clean close.</summary>
    Terminate,
}
