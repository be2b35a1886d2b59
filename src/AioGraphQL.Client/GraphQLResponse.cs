using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AioGraphQL.Client;

/// <summary>
/// One GraphQL result: <see cref="Data"/> (partial data kept), <see cref="Errors"/> and
/// <see cref="Extensions"/>, plus what the transport knew of it. Dispose it when done: the JSON
/// is read in place from a pooled buffer that disposal returns.
/// </summary>
/// <remarks>
/// <see cref="Data"/> and <see cref="Extensions"/> point into that buffer and cannot be read
/// after <see cref="Dispose"/>; <see cref="Errors"/> are copied out and stay readable.
/// </remarks>
public sealed class GraphQLResponse : IDisposable
{
    private readonly JsonDocument _document;

    private readonly IDisposable? _buffer;

    private bool _disposed;

    internal GraphQLResponse(
        JsonDocument document,
        IReadOnlyList<GraphQLError> errors,
        IDisposable? buffer = null,
        HttpStatusCode? statusCode = null,
        HttpResponseHeaders? headers = null,
        string? contentType = null,
        IReadOnlyList<KeyValuePair<string, string>>? sentHeaders = null)
    {
        _document = document;
        _buffer = buffer;
        Errors = errors;
        StatusCode = statusCode;
        Headers = headers;
        ContentType = contentType;
        SentHeaders = sentHeaders;
    }

    /// <summary>
    /// The <c>data</c> entry: an object, <see cref="JsonValueKind.Null"/>, or
    /// <see cref="JsonValueKind.Undefined"/> when the response had none.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The response was disposed.</exception>
    public JsonElement Data => TryGet("data");

    /// <summary>The <c>extensions</c> entry, or <see cref="JsonValueKind.Undefined"/>.</summary>
    /// <exception cref="ObjectDisposedException">The response was disposed.</exception>
    public JsonElement Extensions => TryGet("extensions");

    /// <summary>The errors the server reported; empty when there were none.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    /// <summary>Whether <see cref="Errors"/> is non-empty.</summary>
    public bool HasErrors => Errors.Count > 0;

    /// <summary>The HTTP status code; <see langword="null"/> for a WebSocket result.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The HTTP response headers; <see langword="null"/> for a WebSocket result.</summary>
    public HttpResponseHeaders? Headers { get; }

    /// <summary>How many bytes the body had, for logs.</summary>
    internal int BodyLength { get; init; }

    /// <summary>The headers sent for this response: masked out of exception messages.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>>? SentHeaders { get; }

    /// <summary>The HTTP <c>Content-Type</c> media type, when there was one.</summary>
    public string? ContentType { get; }

    /// <summary>Deserializes <see cref="Data"/> with reflection-based System.Text.Json.</summary>
    /// <typeparam name="T">The type to read the data into.</typeparam>
    /// <param name="options">Serializer options; web defaults (camelCase) when omitted.</param>
    /// <returns>The data, or <c>default</c> when it is absent or null.</returns>
    /// <exception cref="ObjectDisposedException">The response was disposed.</exception>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode("Reflection-based deserialization; use the JsonTypeInfo overload.")]
    [RequiresDynamicCode("Reflection-based deserialization; use the JsonTypeInfo overload.")]
    public T? GetData<T>(JsonSerializerOptions? options = null)
    {
        var data = Data;
        if (data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return default;
        }

        return data.Deserialize<T>(options ?? GraphQLJson.WebOptions);
    }

    /// <summary>
    /// Deserializes <see cref="Data"/> with source-generated metadata (trim-safe).
    /// </summary>
    /// <typeparam name="T">The type to read the data into.</typeparam>
    /// <param name="typeInfo">The metadata for <typeparamref name="T"/>.</param>
    /// <returns>The data, or <c>default</c> when it is absent or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The response was disposed.</exception>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="T"/>.</exception>
    public T? GetData<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);

        var data = Data;
        if (data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return default;
        }

        return data.Deserialize(typeInfo);
    }

    /// <summary>Throws when the server reported errors; returns this response otherwise.</summary>
    /// <returns>This response, for chaining.</returns>
    /// <exception cref="GraphQLResponseException"><see cref="Errors"/> is not empty.</exception>
    public GraphQLResponse ThrowIfErrors()
    {
        if (Errors.Count > 0)
        {
            throw new GraphQLResponseException(Errors, this);
        }

        return this;
    }

    /// <summary>
    /// The whole response as JSON text, for display and logs the caller controls.
    /// </summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ObjectDisposedException">The response was disposed.</exception>
    public override string ToString()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _document.RootElement.GetRawText();
    }

    /// <summary>Returns the pooled buffer; <see cref="Data"/> is unreadable afterwards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _document.Dispose();
        _buffer?.Dispose();
    }

    private JsonElement TryGet(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        return _document.RootElement.TryGetProperty(name, out var value) ? value : default;
    }
}
