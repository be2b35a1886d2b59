namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>What one receive from a WebSocket produced.</summary>
internal enum ReceiveStatus
{
    /// <summary>A whole text message.</summary>
    Text,

    /// <summary>A binary message, which neither sub-protocol allows.</summary>
    Binary,

    /// <summary>A message longer than the server accepts; the rest was not read.</summary>
    TooLarge,

    /// <summary>The peer's close frame.</summary>
    Closed,
}
