namespace AioGraphQL.Client;

/// <summary>Why the client asks its authorization provider for a header value.</summary>
public enum GraphQLAuthorizationTrigger
{
    /// <summary>An HTTP request is about to be sent.</summary>
    HttpRequest,

    /// <summary>A WebSocket is about to connect or reconnect.</summary>
    WebSocketConnect,

    /// <summary>
    /// The server refused the previous value (401, UNAUTHENTICATED, 4401 or 4403).
    /// </summary>
    Refused,
}
