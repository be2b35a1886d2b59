namespace AioGraphQL.Client;

/// <summary>
/// A time limit of the client ran out: the request timeout, a WebSocket acknowledgement or
/// pong timeout. Distinct from the caller's own cancellation.
/// </summary>
public sealed class GraphQLTimeoutException : GraphQLClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The limit that ran out.</param>
    /// <param name="message">One sentence saying which limit.</param>
    /// <param name="innerException">The cancellation the timer caused, if any.</param>
    public GraphQLTimeoutException(
        TimeSpan timeout,
        string message,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The limit that ran out.</summary>
    public TimeSpan Timeout { get; }
}
