namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>The WebSocket sub-protocol names as they appear on the wire.</summary>
internal static class SubProtocolNames
{
    /// <summary>The graphql-ws library's protocol.</summary>
    public const string GraphQLTransportWs = "graphql-transport-ws";

    /// <summary>The legacy subscriptions-transport-ws protocol, confusingly graphql-ws.</summary>
    public const string GraphQLWs = "graphql-ws";
}
