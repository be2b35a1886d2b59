using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// One GraphQL-over-WebSocket sub-protocol: the frames the client writes and the meaning of
/// the types the server sends. Stateless, so one instance of each serves every socket.
/// </summary>
internal abstract class WebSocketProtocol
{
    /// <summary>Which sub-protocol this is.</summary>
    public abstract GraphQLWebSocketProtocol Protocol { get; }

    /// <summary>The name offered and accepted in the upgrade's Sec-WebSocket-Protocol.</summary>
    public abstract string SubProtocol { get; }

    /// <summary>
    /// Whether a message type the protocol does not define ends the connection (the strict
    /// protocol says so) or is logged and skipped (the legacy protocol has loose servers).
    /// </summary>
    public abstract bool UnknownTypeIsFatal { get; }

    /// <summary>The type of the message that carries a result, for protocol exceptions.</summary>
    public abstract string ResultMessageType { get; }

    /// <summary>Whether the client may send pings of its own.</summary>
    public abstract bool SupportsClientPing { get; }

    /// <summary>The protocol object for <paramref name="protocol"/>.</summary>
    public static WebSocketProtocol For(GraphQLWebSocketProtocol protocol) => protocol switch
    {
        GraphQLWebSocketProtocol.GraphQLTransportWs => GraphQLTransportWsProtocol.Instance,
        GraphQLWebSocketProtocol.GraphQLWs => GraphQLWsProtocol.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    /// <summary>
    /// The protocol whose upgrade name is <paramref name="subProtocol"/>, or null.
    /// </summary>
    public static WebSocketProtocol? FromName(string? subProtocol) => subProtocol switch
    {
        GraphQLTransportWsMessages.SubProtocol => GraphQLTransportWsProtocol.Instance,
        GraphQLWsMessages.SubProtocol => GraphQLWsProtocol.Instance,
        _ => null,
    };

    /// <summary>What a server message of type <paramref name="type"/> means.</summary>
    public abstract WebSocketMessageKind Classify(ReadOnlySpan<byte> type);

    /// <summary>
    /// Writes <c>connection_init</c>; <paramref name="payload"/> is JSON or empty.
    /// </summary>
    public abstract void WriteConnectionInit(Utf8JsonWriter writer, ReadOnlySpan<byte> payload);

    /// <summary>Writes the message that starts operation <paramref name="id"/>.</summary>
    public abstract void WriteSubscribe(
        Utf8JsonWriter writer,
        string id,
        GraphQLRequest request,
        JsonSerializerOptions options);

    /// <summary>Writes the message that stops operation <paramref name="id"/>.</summary>
    public abstract void WriteStop(Utf8JsonWriter writer, string id);

    /// <summary>Writes the goodbye sent before a clean close; false when there is none.</summary>
    public abstract bool TryWriteTerminate(Utf8JsonWriter writer);

    /// <summary>Writes a ping; only called when <see cref="SupportsClientPing"/>.</summary>
    public abstract void WritePing(Utf8JsonWriter writer);

    /// <summary>Writes the answer to a server ping; false when the protocol has none.</summary>
    public abstract bool TryWritePong(Utf8JsonWriter writer);

    /// <summary>Writes <c>{"type":…,"id":…}</c>, the shape of every id-only message.</summary>
    protected static void WriteIdOnly(Utf8JsonWriter writer, ReadOnlySpan<byte> type, string id)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        writer.WriteString("id"u8, id);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"type":…,"id":…,"payload":request}</c>.</summary>
    protected static void WriteOperation(
        Utf8JsonWriter writer,
        ReadOnlySpan<byte> type,
        string id,
        GraphQLRequest request,
        JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        writer.WriteString("id"u8, id);
        writer.WritePropertyName("payload"u8);
        GraphQLRequestWriter.WriteBody(writer, request, options);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"type":…}</c> with an optional raw JSON payload.</summary>
    protected static void WriteTypeOnly(
        Utf8JsonWriter writer,
        ReadOnlySpan<byte> type,
        ReadOnlySpan<byte> payload = default)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        if (!payload.IsEmpty)
        {
            writer.WritePropertyName("payload"u8);
            writer.WriteRawValue(payload, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }
}
