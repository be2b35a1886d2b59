using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// The legacy <c>graphql-ws</c> of subscriptions-transport-ws: operations start with
/// <c>start</c> and stop with <c>stop</c>, results come as <c>data</c>, the server sends
/// <c>ka</c> keep-alives, and the client says <c>connection_terminate</c> before closing.
/// </summary>
internal sealed class GraphQLWsProtocol : WebSocketProtocol
{
    public static readonly GraphQLWsProtocol Instance = new();

    private GraphQLWsProtocol()
    {
    }

    public override GraphQLWebSocketProtocol Protocol => GraphQLWebSocketProtocol.GraphQLWs;

    public override string SubProtocol => GraphQLWsMessages.SubProtocol;

    // Servers of this protocol drifted over the years; a type it does not define is skipped.
    public override bool UnknownTypeIsFatal => false;

    public override string ResultMessageType => "data";

    public override bool SupportsClientPing => false;

    public override WebSocketMessageKind Classify(ReadOnlySpan<byte> type)
    {
        if (type.SequenceEqual(GraphQLWsMessages.Data))
        {
            return WebSocketMessageKind.Next;
        }

        if (type.SequenceEqual(GraphQLWsMessages.Complete))
        {
            return WebSocketMessageKind.Complete;
        }

        if (type.SequenceEqual(GraphQLWsMessages.Error))
        {
            return WebSocketMessageKind.Error;
        }

        if (type.SequenceEqual(GraphQLWsMessages.KeepAlive))
        {
            return WebSocketMessageKind.KeepAlive;
        }

        if (type.SequenceEqual(GraphQLWsMessages.ConnectionAck))
        {
            return WebSocketMessageKind.ConnectionAck;
        }

        return type.SequenceEqual(GraphQLWsMessages.ConnectionError)
            ? WebSocketMessageKind.ConnectionError
            : WebSocketMessageKind.Unknown;
    }

    public override void WriteConnectionInit(Utf8JsonWriter writer, ReadOnlySpan<byte> payload) =>
        WriteTypeOnly(writer, GraphQLWsMessages.ConnectionInit, payload);

    public override void WriteSubscribe(
        Utf8JsonWriter writer,
        string id,
        GraphQLRequest request,
        JsonSerializerOptions options) =>
        WriteOperation(writer, GraphQLWsMessages.Start, id, request, options);

    public override void WriteStop(Utf8JsonWriter writer, string id) =>
        WriteIdOnly(writer, GraphQLWsMessages.Stop, id);

    public override bool TryWriteTerminate(Utf8JsonWriter writer)
    {
        WriteTypeOnly(writer, GraphQLWsMessages.ConnectionTerminate);
        return true;
    }

    public override void WritePing(Utf8JsonWriter writer) =>
        throw new NotSupportedException("The legacy graphql-ws protocol has no client ping.");

    // The legacy server never pings with a message, so there is nothing to answer.
    public override bool TryWritePong(Utf8JsonWriter writer) => false;
}
