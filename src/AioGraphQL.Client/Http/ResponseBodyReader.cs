using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// Turns an HTTP response into a <see cref="GraphQLResponse"/>: reads the body once into a
/// pooled buffer, parses it in place, and explains in a typed exception why it is not one.
/// </summary>
internal static class ResponseBodyReader
{
    private const int ReadChunk = 16 * 1024;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static Tuple<string, string?>? s_lastContentType;

    /// <summary>
    /// Reads and checks the body; the caller disposes <paramref name="response"/>.
    /// </summary>
    public static Task<GraphQLResponse> ReadAsync(
        HttpResponseMessage response,
        long maxBytes,
        IReadOnlyList<KeyValuePair<string, string>> sentHeaders,
        CancellationToken cancellationToken) =>
        ReadBodyAsync(response, maxBytes, sentHeaders, cancellationToken).AsTask();

    /// <summary>
    /// As <see cref="ReadAsync"/>, as a pooled <see cref="ValueTask{TResult}"/>: a small body is
    /// usually buffered already and then needs no Task at all, and a large one reuses the state
    /// machine of an earlier read. Await the result once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<GraphQLResponse> ReadBodyAsync(
        HttpResponseMessage response,
        long maxBytes,
        IReadOnlyList<KeyValuePair<string, string>> sentHeaders,
        CancellationToken cancellationToken)
    {
        var content = response.Content;
        var contentType = MediaTypeOf(content.Headers);
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
            await FillAsync(body, content, declared, maxBytes, context, cancellationToken)
                .ConfigureAwait(false);
            var parsed = Parse(body, declared, context);
            return new GraphQLResponse(
                parsed.Document,
                parsed.Errors,
                body,
                response.StatusCode,
                response.Headers,
                contentType,
                sentHeaders)
            {
                BodyLength = body.WrittenCount,
            };
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static string? MediaTypeOf(HttpContentHeaders headers)
    {
        // Parsing Content-Type costs several objects per response, and a server sends the same
        // text every time: remember the media type parsed from the last text and reuse it when
        // the text is the same. Anything unusual takes the full parse.
        if (headers.NonValidated.TryGetValues("Content-Type", out var values) && values.Count == 1)
        {
            var text = values.ToString();
            var last = s_lastContentType;
            if (last is not null && string.Equals(last.Item1, text, StringComparison.Ordinal))
            {
                return last.Item2;
            }

            var mediaType = headers.ContentType?.MediaType;
            s_lastContentType = Tuple.Create(text, mediaType);
            return mediaType;
        }

        return headers.ContentType?.MediaType;
    }

    private static int InitialCapacity(long? declared, long maxBytes)
    {
        var wanted = declared is { } length ? length + 1 : 4096;
        return (int)Math.Min(Math.Min(wanted, maxBytes + 1), Array.MaxLength);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask FillAsync(
        PooledBufferWriter body,
        HttpContent content,
        long? declared,
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
                    // Ask for no more than the rest of the declared length and the one byte of
                    // the read that finds the end: a buffer sized from Content-Length then never
                    // grows, and is never copied, just before its end.
                    var wanted = declared is { } length && length >= body.WrittenCount
                        ? (int)Math.Min(length - body.WrittenCount + 1, ReadChunk)
                        : ReadChunk;
                    var read = await stream.ReadAsync(body.GetMemory(wanted), cancellationToken)
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
        catch (InvalidDataException ex)
        {
            // A handler that decompresses found the body was not what Content-Encoding said.
            throw context.Create(
                GraphQLHttpFailure.UndecodableBody,
                "could not be decoded as its Content-Encoding says",
                body.WrittenSpan,
                ex);
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
            throw context.Create(
                GraphQLHttpFailure.EmptyBody,
                "is empty",
                ReadOnlySpan<byte>.Empty);
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
            // JSON text may start with a UTF-8 byte order mark, which the parser refuses.
            var json = body.WrittenMemory;
            if (json.Span.StartsWith(Utf8ByteOrderMark))
            {
                json = json[Utf8ByteOrderMark.Length..];
            }

            document = JsonDocument.Parse(json, GraphQLJson.DocumentOptions);
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

    /// <summary>
    /// What every failure of one response shares: status, type and what to mask. A struct, as
    /// one is made for every response and almost never used.
    /// </summary>
    private readonly struct Failure(
        HttpResponseMessage response,
        string? contentType,
        IReadOnlyList<KeyValuePair<string, string>> sentHeaders)
    {
        private readonly HttpResponseMessage _response = response;

        private readonly string? _contentType = contentType;

        private readonly IReadOnlyList<KeyValuePair<string, string>> _sentHeaders = sentHeaders;

        public string? ContentType => _contentType;

        public GraphQLHttpException Create(
            GraphQLHttpFailure failure,
            string what,
            ReadOnlySpan<byte> body,
            Exception? inner = null)
        {
            var status = _response.StatusCode;
            var excerpt = body.IsEmpty
                ? null
                : Redaction.Excerpt(body, Redaction.SecretValues(_sentHeaders));

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
                _contentType,
                excerpt,
                Redaction.SafeHeaders(_response),
                inner);
        }
    }
}
