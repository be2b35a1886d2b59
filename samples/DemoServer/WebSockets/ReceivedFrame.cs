namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>One message read from a WebSocket.</summary>
/// <param name="Status">What kind of message arrived.</param>
/// <param name="Text">The message text for <see cref="ReceiveStatus.Text"/>, else empty.</param>
internal readonly record struct ReceivedFrame(ReceiveStatus Status, string Text);
