namespace AioGraphQL.Client;

/// <summary>Why an HTTP exchange produced no GraphQL response.</summary>
public enum GraphQLHttpFailure
{
    /// <summary>The connection could not be made or broke before a response arrived.</summary>
    ConnectionFailed,

    /// <summary>A non-success status came with a body that is not a GraphQL response.</summary>
    UnexpectedStatus,

    /// <summary>The body's media type is not JSON, so it cannot be a GraphQL response.</summary>
    UnsupportedContentType,

    /// <summary>The body was empty.</summary>
    EmptyBody,

    /// <summary>
    /// The body ended before its declared length, or the connection broke mid-body.
    /// </summary>
    TruncatedBody,

    /// <summary>
    /// The body could not be decoded as its <c>Content-Encoding</c> says (a decompressing
    /// handler found it was not gzip or deflate after all).
    /// </summary>
    UndecodableBody,

    /// <summary>The body is not valid JSON.</summary>
    InvalidJson,

    /// <summary>
    /// The body is JSON but has neither a valid <c>data</c> nor <c>errors</c> entry.
    /// </summary>
    NotAGraphQLResponse,

    /// <summary>The body is larger than the configured maximum response size.</summary>
    BodyTooLarge,
}
