using System.Net;

namespace AioGraphQL.Client;

/// <summary>
/// An HTTP exchange that gave no GraphQL response: the connection failed, or the body was not
/// a GraphQL response. A well-formed GraphQL body never raises this, whatever its status code.
/// </summary>
public sealed class GraphQLHttpException : GraphQLClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">What went wrong.</param>
    /// <param name="message">One sentence, free of secrets.</param>
    /// <param name="statusCode">The status code, when a response arrived.</param>
    /// <param name="contentType">The response's content type, when it had one.</param>
    /// <param name="bodyExcerpt">The start of the body with known secrets masked.</param>
    /// <param name="responseHeaders">The response headers with secret ones removed.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public GraphQLHttpException(
        GraphQLHttpFailure failure,
        string message,
        HttpStatusCode? statusCode = null,
        string? contentType = null,
        string? bodyExcerpt = null,
        IReadOnlyDictionary<string, string>? responseHeaders = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
        ContentType = contentType;
        BodyExcerpt = bodyExcerpt;
        ResponseHeaders = responseHeaders ?? new Dictionary<string, string>();
    }

    /// <summary>What went wrong, for callers that branch on it.</summary>
    public GraphQLHttpFailure Failure { get; }

    /// <summary>The HTTP status code, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The response's <c>Content-Type</c>, or <see langword="null"/>.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// The first few hundred characters of the body, with every header value this client sent
    /// masked, so a server that echoes a credential does not leak it into logs.
    /// </summary>
    public string? BodyExcerpt { get; }

    /// <summary>
    /// The response headers, without cookies or anything that may carry a secret.
    /// </summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; }
}
