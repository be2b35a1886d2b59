using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// <c>graphql-transport-ws</c>: operations start with <c>subscribe</c> and stop with
/// <c>complete</c>, results come as <c>next</c>, and either side may <c>ping</c>.
/// </summary>
internal sealed class GraphQLTransportWsProtocol : WebSocketProtocol
{
    public static readonly GraphQLTransportWsProtocol Instance = new();

    private GraphQLTransportWsProtocol()
    {
    }

    public override GraphQLWebSocketProtocol Protocol =>
        GraphQLWebSocketProtocol.GraphQLTransportWs;

    public override string SubProtocol => GraphQLTransportWsMessages.SubProtocol;

    // The protocol closes the socket with 4400 on any message it does not define.
    public override bool UnknownTypeIsFatal => true;

    public override string ResultMessageType => "next";

    public override bool SupportsClientPing => true;

    public override WebSocketMessageKind Classify(ReadOnlySpan<byte> type)
    {
        if (type.SequenceEqual(GraphQLTransportWsMessages.Next))
        {
            return WebSocketMessageKind.Next;
        }

        if (type.SequenceEqual(GraphQLTransportWsMessages.Complete))
        {
            return WebSocketMessageKind.Complete;
        }

        if (type.SequenceEqual(GraphQLTransportWsMessages.Error))
        {
            return WebSocketMessageKind.Error;
        }

        if (type.SequenceEqual(GraphQLTransportWsMessages.Ping))
        {
            return WebSocketMessageKind.Ping;
        }

        if (type.SequenceEqual(GraphQLTransportWsMessages.Pong))
        {
            return WebSocketMessageKind.Pong;
        }

        return type.SequenceEqual(GraphQLTransportWsMessages.ConnectionAck)
            ? WebSocketMessageKind.ConnectionAck
            : WebSocketMessageKind.Unknown;
    }

    public override void WriteConnectionInit(Utf8JsonWriter writer, ReadOnlySpan<byte> payload) =>
        WriteTypeOnly(writer, GraphQLTransportWsMessages.ConnectionInit, payload);

    public override void WriteSubscribe(
        Utf8JsonWriter writer,
        string id,
        GraphQLRequest request,
        JsonSerializerOptions options) =>
        WriteOperation(writer, GraphQLTransportWsMessages.Subscribe, id, request, options);

    public override void WriteStop(Utf8JsonWriter writer, string id) =>
        WriteIdOnly(writer, GraphQLTransportWsMessages.Complete, id);

    // The client ends with a plain 1000 close; the protocol has no goodbye message.
    public override bool TryWriteTerminate(Utf8JsonWriter writer) => false;

    public override void WritePing(Utf8JsonWriter writer) =>
        WriteTypeOnly(writer, GraphQLTransportWsMessages.Ping);

    public override bool TryWritePong(Utf8JsonWriter writer)
    {
        WriteTypeOnly(writer, GraphQLTransportWsMessages.Pong);
        return true;
    }
}
