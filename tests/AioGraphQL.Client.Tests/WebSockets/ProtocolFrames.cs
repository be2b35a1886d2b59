using System.Text;
using System.Text.Json;

namespace AioGraphQL.Client.Tests.WebSockets;

/// <summary>Captures what a protocol writes as the exact text of the frame.</summary>
internal static class ProtocolFrames
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static WebSocketMessageKind Classify(WebSocketProtocol protocol, string type) =>
        protocol.Classify(Encoding.UTF8.GetBytes(type));
}
