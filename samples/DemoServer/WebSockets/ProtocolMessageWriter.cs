using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// Writes the JSON messages both sub-protocols share the shape of:
/// <c>{"id":…,"type":…,"payload":…}</c>, with results and errors in GraphQL's JSON form.
/// </summary>
internal sealed class ProtocolMessageWriter
{
    private readonly GraphQLSerializer _serializer;

    /// <summary>Creates a writer that renders results and errors with GraphQL.NET.</summary>
    public ProtocolMessageWriter(GraphQLSerializer serializer)
    {
        _serializer = serializer;
    }

    /// <summary>A message without payload, like <c>connection_ack</c> or <c>complete</c>.</summary>
    public static byte[] Message(string type, string? id = null) => Write(type, id, null);

    /// <summary>A message whose payload is one execution result.</summary>
    public byte[] Result(string type, string id, ExecutionResult result) =>
        Write(type, id, writer => writer.WriteRawValue(_serializer.Serialize(result)));

    /// <summary>A message whose payload is an array of GraphQL errors.</summary>
    public byte[] Errors(string type, string? id, IEnumerable<ExecutionError> errors) =>
        Write(type, id, writer => writer.WriteRawValue(_serializer.Serialize(errors)));

    /// <summary>A message whose payload is <c>{"message": …}</c>.</summary>
    public static byte[] ErrorMessage(string type, string? id, string message) =>
        Write(type, id, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteEndObject();
        });

    /// <summary>A message whose payload is a copy of JSON received from the client.</summary>
    public static byte[] Echo(string type, JsonElement payload) =>
        Write(type, null, payload.WriteTo);

    private static byte[] Write(string type, string? id, Action<Utf8JsonWriter>? writePayload)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
            {
                writer.WriteString("id", id);
            }

            writer.WriteString("type", type);
            if (writePayload is not null)
            {
                writer.WritePropertyName("payload");
                writePayload(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
