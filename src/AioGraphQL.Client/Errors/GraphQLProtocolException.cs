namespace AioGraphQL.Client;

/// <summary>
/// The server broke the WebSocket sub-protocol: a message that is not JSON, of an unknown type,
/// without a required field, or a result that is not a GraphQL result.
/// </summary>
public sealed class GraphQLProtocolException : GraphQLClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence saying what was wrong, free of payload data.</param>
    /// <param name="messageType">The offending message's <c>type</c>, when it had one.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public GraphQLProtocolException(
        string message,
        string? messageType = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        MessageType = messageType;
    }

    /// <summary>The <c>type</c> of the offending message, or null when it had none.</summary>
    public string? MessageType { get; }
}
