namespace AioGraphQL.Client;

/// <summary>
/// The root of every exception this library raises for a failed exchange. Catch it to handle
/// transport, protocol and timeout failures together; the caller's own cancellation is not one
/// of them and surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public abstract class GraphQLClientException : Exception
{
    /// <summary>Creates the exception with a message and an optional cause.</summary>
    /// <param name="message">One sentence saying what happened, free of secrets.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    protected GraphQLClientException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
