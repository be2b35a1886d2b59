using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// What one connect presents to the server: the user headers (with the authorization
/// provider's value) for the upgrade request, and the <c>connection_init</c> payload built
/// from them or from the payload factory.
/// </summary>
internal sealed class WebSocketHandshake
{
    private static readonly JsonWriterOptions s_writerOptions = new() { SkipValidation = true };

    public WebSocketHandshake(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        AuthorizationCoordinator.Credential? credential)
    {
        Headers = headers;
        Credential = credential;
    }

    /// <summary>The merged user headers; never transport headers such as Accept.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The provider's value in <see cref="Headers"/>, when a provider is used.</summary>
    public AuthorizationCoordinator.Credential? Credential { get; }

    /// <summary>Every header value sent, to mask in anything the server echoes back.</summary>
    public IEnumerable<string> Secrets => Redaction.SecretValues(Headers);

    /// <summary>Serializes the payload; empty when there is none to send.</summary>
    public async ValueTask<byte[]> CreatePayloadAsync(
        WebSocketSettings settings,
        GraphQLWebSocketProtocol protocol,
        int attempt,
        CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, object?>? custom = null;
        if (settings.PayloadFactory is { } factory)
        {
            var context = new GraphQLConnectionPayloadContext(Headers, protocol, attempt);
            custom = await factory(context, cancellationToken).ConfigureAwait(false);
            if (custom is null)
            {
                return [];
            }
        }

        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            if (custom is not null)
            {
                GraphQLRequestWriter.WriteMap(
                    writer,
                    custom,
                    settings.JsonOptions,
                    "payload entry");
            }
            else
            {
                WriteHeaders(writer, settings.PayloadShape);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteHeaders(Utf8JsonWriter writer, GraphQLConnectionPayloadShape shape)
    {
        writer.WriteStartObject();
        if (shape == GraphQLConnectionPayloadShape.HeadersObject)
        {
            writer.WriteStartObject("headers"u8);
        }

        foreach (var (name, value) in Headers)
        {
            writer.WriteString(name, value);
        }

        if (shape == GraphQLConnectionPayloadShape.HeadersObject)
        {
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
