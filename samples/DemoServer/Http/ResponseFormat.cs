using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AioGraphQL.DemoServer.Http;

/// <summary>
/// The media type a GraphQL response is written in, chosen from the request's Accept header,
/// and the status-code rules that go with it.
/// </summary>
internal sealed class ResponseFormat
{
    private const string GraphQLResponseMediaType = "application/graphql-response+json";

    private const string JsonMediaType = "application/json";

    private ResponseFormat(string contentType, bool usesErrorStatusCodes)
    {
        ContentType = contentType;
        UsesErrorStatusCodes = usesErrorStatusCodes;
    }

    /// <summary>The GraphQL-over-HTTP media type, with the spec's 4xx status codes.</summary>
    public static ResponseFormat GraphQLResponseJson { get; } =
        new($"{GraphQLResponseMediaType}; charset=utf-8", usesErrorStatusCodes: true);

    /// <summary>Plain JSON, the legacy format, where GraphQL errors come with 200.</summary>
    public static ResponseFormat Json { get; } =
        new($"{JsonMediaType}; charset=utf-8", usesErrorStatusCodes: false);

    /// <summary>The Content-Type header value of the response.</summary>
    public string ContentType { get; }

    /// <summary>
    /// Whether a document that fails to parse or validate is answered with 400 rather than 200.
    /// </summary>
    public bool UsesErrorStatusCodes { get; }

    /// <summary>
    /// Chooses the format: the GraphQL response type when the client names it, plain JSON when
    /// the client names only that, and the GraphQL response type for anything else, including
    /// a missing header or <c>*/*</c>.
    /// </summary>
    public static ResponseFormat Negotiate(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
        {
            return GraphQLResponseJson;
        }

        var acceptsJson = false;
        foreach (var range in ranges)
        {
            if (range.Quality == 0)
            {
                continue;
            }

            if (IsMediaType(range, GraphQLResponseMediaType))
            {
                return GraphQLResponseJson;
            }

            acceptsJson |= IsMediaType(range, JsonMediaType);
        }

        return acceptsJson ? Json : GraphQLResponseJson;
    }

    private static bool IsMediaType(MediaTypeHeaderValue range, string mediaType) =>
        range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
}
