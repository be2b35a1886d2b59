using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// Checks that a JSON value is a GraphQL result (an object with <c>data</c> and/or a list of
/// <c>errors</c>) and reads its errors. Shared by the HTTP and WebSocket transports.
/// </summary>
internal static class GraphQLResultReader
{
    private static readonly IReadOnlyList<GraphQLError> s_noErrors = [];

    /// <summary>
    /// Returns why <paramref name="root"/> is not a GraphQL result, or null when it is one, in
    /// which case <paramref name="errors"/> holds its errors copied out of the document.
    /// </summary>
    public static string? TryRead(JsonElement root, out IReadOnlyList<GraphQLError> errors)
    {
        errors = s_noErrors;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "the JSON is not an object";
        }

        var hasData = root.TryGetProperty("data", out var data);
        if (hasData && data.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return "its 'data' is neither an object nor null";
        }

        if (!root.TryGetProperty("errors", out var list))
        {
            return hasData ? null : "it has neither 'data' nor 'errors'";
        }

        var reason = TryReadErrors(list, out errors);
        if (reason is null && !hasData && errors.Count == 0)
        {
            // Without data, the specification requires at least one error.
            return "it has no 'data' and an empty 'errors'";
        }

        return reason;
    }

    /// <summary>Reads a JSON array of GraphQL error objects; returns why it is not one.</summary>
    public static string? TryReadErrors(JsonElement list, out IReadOnlyList<GraphQLError> errors)
    {
        errors = s_noErrors;
        if (list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return "its 'errors' is not a list";
        }

        var count = list.GetArrayLength();
        if (count == 0)
        {
            return null;
        }

        var result = new GraphQLError[count];
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var error = ReadError(item);
            if (error is null)
            {
                return "an entry of its 'errors' has no 'message'";
            }

            result[index++] = error;
        }

        errors = result;
        return null;
    }

    private static GraphQLError? ReadError(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("message", out var message)
            || message.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        List<GraphQLErrorLocation>? locations = null;
        List<object>? path = null;
        JsonElement? extensions = null;
        Dictionary<string, JsonElement>? extra = null;

        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "message":
                    break;
                case "locations":
                    locations = ReadLocations(property.Value);
                    break;
                case "path":
                    path = ReadPath(property.Value);
                    break;
                case "extensions":
                    extensions = property.Value.Clone();
                    break;
                default:
                    extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    extra[property.Name] = property.Value.Clone();
                    break;
            }
        }

        return new GraphQLError(message.GetString()!, locations, path, extensions, extra);
    }

    private static List<GraphQLErrorLocation>? ReadLocations(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var locations = new List<GraphQLErrorLocation>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("line", out var line)
                && item.TryGetProperty("column", out var column)
                && line.TryGetInt32(out var lineNumber)
                && column.TryGetInt32(out var columnNumber))
            {
                locations.Add(new GraphQLErrorLocation(lineNumber, columnNumber));
            }
        }

        return locations;
    }

    private static List<object>? ReadPath(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var path = new List<object>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var index))
            {
                path.Add(index);
            }
            else if (item.ValueKind == JsonValueKind.String)
            {
                // GetString cannot return null for a String token.
                path.Add(item.GetString()!);
            }
        }

        return path;
    }
}
