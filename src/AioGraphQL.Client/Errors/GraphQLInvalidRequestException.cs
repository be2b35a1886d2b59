namespace AioGraphQL.Client;

/// <summary>
/// The client refused to send a request it knows to be wrong, such as a mutation over GET or a
/// document it cannot parse when the operation type must be known.
/// </summary>
public sealed class GraphQLInvalidRequestException : GraphQLClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence saying what is wrong.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public GraphQLInvalidRequestException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
