namespace AioGraphQL.Client;

/// <summary>What a <see cref="GraphQLConnectionPayloadFactory"/> is told about a connect.</summary>
public sealed class GraphQLConnectionPayloadContext
{
    internal GraphQLConnectionPayloadContext(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        GraphQLWebSocketProtocol protocol,
        int attempt)
    {
        Headers = headers;
        Protocol = protocol;
        Attempt = attempt;
    }

    /// <summary>
    /// The merged user headers of the operation that opened the socket (client, request and
    /// call layers, with the authorization provider's value), which the default payload holds.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The sub-protocol the server accepted.</summary>
    public GraphQLWebSocketProtocol Protocol { get; }

    /// <summary>
    /// 1 for the first connect of this socket, higher for each reconnect attempt.
    /// </summary>
    public int Attempt { get; }
}
