namespace AioGraphQL.Client;

/// <summary>
/// A GraphQL response carried errors and the caller asked for them to be thrown, through
/// <see cref="GraphQLResponse.ThrowIfErrors"/>, or a subscription operation failed.
/// </summary>
public sealed class GraphQLResponseException : GraphQLClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The errors the server reported; at least one.</param>
    /// <param name="response">The response that carried them, if there was one.</param>
    public GraphQLResponseException(
        IReadOnlyList<GraphQLError> errors,
        GraphQLResponse? response = null)
        : base(Describe(errors, response))
    {
        ArgumentNullException.ThrowIfNull(errors);

        Errors = errors;
        Response = response;
    }

    /// <summary>The errors the server reported.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    /// <summary>The response that carried them, with any partial data; may be null.</summary>
    public GraphQLResponse? Response { get; }

    private static string Describe(IReadOnlyList<GraphQLError> errors, GraphQLResponse? response)
    {
        if (errors is null || errors.Count == 0)
        {
            return "The server reported a GraphQL error.";
        }

        // A server may quote the credential it refused; the message must not carry it on.
        var first = response?.SentHeaders is { } sent
            ? Redaction.MaskSecrets(errors[0].Message, Redaction.SecretValues(sent))
            : errors[0].Message;
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty;
        return $"The server reported a GraphQL error: {first}{more}";
    }
}
