using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AioGraphQL.Client;

/// <summary>
/// Writes a request as the GraphQL-over-HTTP JSON body, which is also the payload of a
/// WebSocket subscribe message, and as GET query-string parameters.
/// </summary>
internal static class GraphQLRequestWriter
{
    private static readonly JsonWriterOptions s_writerOptions = new() { SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? s_threadWriter;

    /// <summary>Writes <c>{"query","operationName","variables","extensions"}</c>.</summary>
    public static void WriteBody(
        Utf8JsonWriter writer,
        GraphQLRequest request,
        JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("query"u8, request.Query);

        if (request.OperationName is { } operationName)
        {
            writer.WriteString("operationName"u8, operationName);
        }

        if (request.Variables is { Count: > 0 } variables)
        {
            writer.WritePropertyName("variables"u8);
            WriteMap(writer, variables, options, "variable");
        }

        if (request.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions"u8);
            WriteMap(writer, extensions, options, "extension");
        }

        writer.WriteEndObject();
    }

    /// <summary>Serializes the body into a pooled buffer the caller must dispose.</summary>
    public static PooledBufferWriter WriteBody(
        GraphQLRequest request,
        JsonSerializerOptions options)
    {
        var buffer = new PooledBufferWriter(request.Query.Length + 64);

        // A writer is reused per thread, as it is an object of some size allocated per request
        // otherwise. It leaves the slot while in use, so a serializer converter that writes
        // another body on this thread gets a writer of its own.
        var writer = s_threadWriter ?? new Utf8JsonWriter(buffer, s_writerOptions);
        s_threadWriter = null;
        try
        {
            writer.Reset(buffer);
            WriteBody(writer, request, options);
            writer.Flush();
            s_threadWriter = writer;
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Builds the GET URL: the endpoint with the request in its query string.</summary>
    public static Uri BuildGetUri(
        Uri endpoint,
        GraphQLRequest request,
        JsonSerializerOptions options)
    {
        var builder = new StringBuilder(endpoint.GetLeftPart(UriPartial.Path));
        var separator = '?';
        var existing = endpoint.Query;
        if (existing.Length > 1)
        {
            builder.Append(existing);
            separator = '&';
        }

        Append(builder, ref separator, "query", request.Query);
        if (request.OperationName is { } operationName)
        {
            Append(builder, ref separator, "operationName", operationName);
        }

        if (request.Variables is { Count: > 0 } variables)
        {
            Append(builder, ref separator, "variables", ToJson(variables, options, "variable"));
        }

        if (request.Extensions is { Count: > 0 } extensions)
        {
            Append(builder, ref separator, "extensions", ToJson(extensions, options, "extension"));
        }

        return new Uri(builder.ToString());
    }

    private static void Append(StringBuilder builder, ref char separator, string name, string value)
    {
        builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
        separator = '&';
    }

    private static string ToJson(
        IReadOnlyDictionary<string, object?> map,
        JsonSerializerOptions options,
        string what)
    {
        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            WriteMap(writer, map, options, what);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static void WriteMap(
        Utf8JsonWriter writer,
        IReadOnlyDictionary<string, object?> map,
        JsonSerializerOptions options,
        string what)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in map)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, name, value, options, what);
        }

        writer.WriteEndObject();
    }

    [UnconditionalSuppressMessage(
        "Trimming",
        "IL2026",
        Justification = "Values of other types go through options.GetTypeInfo, which a trimmed "
            + "app backs with a source-generated resolver set in the client options.")]
    [UnconditionalSuppressMessage(
        "AOT",
        "IL3050",
        Justification = "As above: the resolver in the options decides.")]
    private static void WriteValue(
        Utf8JsonWriter writer,
        string name,
        object? value,
        JsonSerializerOptions options,
        string what)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case int number:
                writer.WriteNumberValue(number);
                return;
            case long number:
                writer.WriteNumberValue(number);
                return;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                return;
            case decimal number:
                writer.WriteNumberValue(number);
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case JsonNode node:
                node.WriteTo(writer, options);
                return;
        }

        try
        {
            // Options without a resolver get the reflection one, exactly as JsonSerializer does.
            if (options.TypeInfoResolver is null)
            {
                JsonSerializer.Serialize(writer, value, value.GetType(), options);
            }
            else
            {
                JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException
            or JsonException or ArgumentException)
        {
            // ArgumentException: JSON has no NaN or infinity, and the writer says so this way.
            throw new GraphQLInvalidRequestException(
                $"The {what} '{name}' of type {value.GetType().Name} cannot be written as JSON.",
                ex);
        }
    }
}
