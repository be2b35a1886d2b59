using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using GraphQL;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>
/// Writes a GraphQL error as <c>message</c>, an optional top-level <c>type</c>,
/// <c>locations</c>, <c>path</c> and <c>extensions</c>. GraphQL.NET's own writer cannot add
/// members beside <c>message</c>, which the <c>boom</c> field needs.
/// </summary>
internal sealed class GraphQLErrorJsonConverter : JsonConverter<ExecutionError>
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeof(ExecutionError).IsAssignableFrom(typeToConvert);

    /// <inheritdoc/>
    public override ExecutionError Read(
        ref Utf8JsonReader reader,
        Type typeToConvert,
        JsonSerializerOptions options) =>
        throw new NotSupportedException("The demo server never reads GraphQL errors.");

    /// <inheritdoc/>
    public override void Write(
        Utf8JsonWriter writer,
        ExecutionError value,
        JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("message", value.Message);
        if (value is TypedExecutionError typed)
        {
            writer.WriteString("type", typed.ErrorType);
        }

        if (value.Locations is { Count: > 0 } locations)
        {
            writer.WriteStartArray("locations");
            foreach (var location in locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line", location.Line);
                writer.WriteNumber("column", location.Column);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (value.Path is { } path && path.Any())
        {
            writer.WritePropertyName("path");
            JsonSerializer.Serialize(writer, path, options);
        }

        WriteExtensions(writer, value, options);
        writer.WriteEndObject();
    }

    private static void WriteExtensions(
        Utf8JsonWriter writer,
        ExecutionError error,
        JsonSerializerOptions options)
    {
        var extensions = new List<KeyValuePair<string, object?>>();
        if (error.Code is { } code)
        {
            extensions.Add(new("code", code));
        }

        foreach (DictionaryEntry entry in error.Data)
        {
            if (entry.Key is string key)
            {
                extensions.Add(new(key, entry.Value));
            }
        }

        if (extensions.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("extensions");
        foreach (var (key, value) in extensions)
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, value, options);
        }

        writer.WriteEndObject();
    }
}
