using System.Net;
using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// Turns an HTTP response into a <see cref="GraphQLResponse"/>: reads the body once into a
/// pooled buffer, parses it in place, and explains in a typed exception why it is not one.
/// </summary>
internal static class ResponseBodyReader
{
    private const int ReadChunk = 16 * 1024;

    /// <summary>Reads and checks the body; the caller disposes <paramref name="response"/>.</summary>
    public static async Task<GraphQLResponse> ReadAsync(
        HttpResponseMessage response,
        long maxBytes,
        IReadOnlyList<KeyValuePair<string, string>> sentHeaders,
        CancellationToken cancellationToken)
    {
        var content = response.Content;
        var contentType = content.Headers.ContentType?.MediaType;
        var declared = content.Headers.ContentLength;
        var context = new Failure(response, contentType, sentHeaders);

        if (declared > maxBytes)
        {
            throw context.Create(
                GraphQLHttpFailure.BodyTooLarge,
                $"declares {declared} bytes, over the {maxBytes}-byte limit",
                ReadOnlySpan<byte>.Empty);
        }

        var body = new PooledBufferWriter(InitialCapacity(declared, maxBytes));
        try
        {
            await FillAsync(body, content, maxBytes, context, cancellationToken)
                .ConfigureAwait(false);
            var parsed = Parse(body, declared, context);
            return new GraphQLResponse(
                parsed.Document,
                parsed.Errors,
                body,
                response.StatusCode,
                response.Headers,
                contentType);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static int InitialCapacity(long? declared, long maxBytes)
    {
        var wanted = declared is { } length ? length + 1 : 4096;
        return (int)Math.Min(Math.Min(wanted, maxBytes + 1), Array.MaxLength);
    }

    private static async Task FillAsync(
        PooledBufferWriter body,
        HttpContent content,
        long maxBytes,
        Failure context,
        CancellationToken cancellationToken)
    {
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    var read = await stream.ReadAsync(body.GetMemory(ReadChunk), cancellationToken)
                        .ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    body.Advance(read);
                    if (body.WrittenCount > maxBytes)
                    {
                        throw context.Create(
                            GraphQLHttpFailure.BodyTooLarge,
                            $"is over the {maxBytes}-byte limit",
                            body.WrittenSpan);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw context.Create(
                GraphQLHttpFailure.TruncatedBody,
                "broke off before its end",
                body.WrittenSpan,
                ex);
        }
    }

    private static (JsonDocument Document, IReadOnlyList<GraphQLError> Errors) Parse(
        PooledBufferWriter body,
        long? declared,
        Failure context)
    {
        if (body.WrittenCount == 0)
        {
            throw context.Create(GraphQLHttpFailure.EmptyBody, "is empty", ReadOnlySpan<byte>.Empty);
        }

        if (context.ContentType is { } type && !IsJson(type))
        {
            throw context.Create(
                GraphQLHttpFailure.UnsupportedContentType,
                $"is {type}, not JSON",
                body.WrittenSpan);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.WrittenMemory, GraphQLJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            var truncated = declared > body.WrittenCount;
            throw context.Create(
                truncated ? GraphQLHttpFailure.TruncatedBody : GraphQLHttpFailure.InvalidJson,
                truncated ? "broke off before its end" : "is not valid JSON",
                body.WrittenSpan,
                ex);
        }

        var reason = GraphQLResultReader.TryRead(document.RootElement, out var errors);
        if (reason is not null)
        {
            document.Dispose();
            throw context.Create(
                GraphQLHttpFailure.NotAGraphQLResponse,
                $"is JSON but not a GraphQL response: {reason}",
                body.WrittenSpan);
        }

        return (document, errors);
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/graphql-response+json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>What every failure of one response shares: status, type and what to mask.</summary>
    private sealed class Failure(
        HttpResponseMessage response,
        string? contentType,
        IReadOnlyList<KeyValuePair<string, string>> sentHeaders)
    {
        public string? ContentType => contentType;

        public GraphQLHttpException Create(
            GraphQLHttpFailure failure,
            string what,
            ReadOnlySpan<byte> body,
            Exception? inner = null)
        {
            var status = response.StatusCode;
            var excerpt = body.IsEmpty
                ? null
                : Redaction.Excerpt(body, Redaction.SecretValues(sentHeaders));

            // A non-success status explains the failure better than the shape of its body.
            var kind = (int)status is >= 200 and < 300 || failure == GraphQLHttpFailure.BodyTooLarge
                ? failure
                : GraphQLHttpFailure.UnexpectedStatus;
            var message = $"The server answered {(int)status} ({status}) with a body that {what}"
                + (excerpt is null ? "." : $": {excerpt}");

            return new GraphQLHttpException(
                kind,
                message,
                status,
                contentType,
                excerpt,
                Redaction.SafeHeaders(response),
                inner);
        }
    }
}
