namespace AioGraphQL.Client;

/// <summary>The GraphQL-over-WebSocket sub-protocols the client speaks.</summary>
public enum GraphQLWebSocketProtocol
{
    /// <summary>
    /// <c>graphql-transport-ws</c>, the protocol of the graphql-ws library: subscribe, next,
    /// error, complete, and ping/pong messages.
    /// </summary>
    GraphQLTransportWs,

    /// <summary>
    /// The legacy <c>graphql-ws</c> of subscriptions-transport-ws: start, data, error,
    /// complete, stop, <c>ka</c> keep-alives and connection_terminate.
    /// </summary>
    GraphQLWs,
}
