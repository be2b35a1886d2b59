namespace AioGraphQL.Client;

/// <summary>Which keep-alive message arrived on a subscription's socket.</summary>
public enum GraphQLKeepAliveKind
{
    /// <summary>
    /// A <c>graphql-transport-ws</c> <c>ping</c> from the server, already answered.
    /// </summary>
    Ping,

    /// <summary>A <c>graphql-transport-ws</c> <c>pong</c> answering the client's ping.</summary>
    Pong,

    /// <summary>A legacy <c>graphql-ws</c> <c>ka</c> message.</summary>
    KeepAlive,
}
