using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// Reads the payload of an operation <c>error</c> (a list of GraphQL errors, or in the legacy
/// protocol often a single error object) and of a legacy <c>connection_error</c>.
/// </summary>
internal static class WebSocketErrorPayload
{
    private const int MaxDetailLength = 200;

    /// <summary>The errors in the payload, or null with <paramref name="reason"/> set.</summary>
    public static IReadOnlyList<GraphQLError>? Read(
        ReadOnlyMemory<byte> message,
        Range? payload,
        out string? reason)
    {
        reason = "it has no payload";
        if (payload is not { } range)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(message[range], GraphQLJson.DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("errors", out var list))
            {
                root = list;
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                return ReadSingle(message[range], out reason);
            }

            reason = GraphQLResultReader.TryReadErrors(root, out var errors);
            if (reason is null && errors.Count == 0)
            {
                reason = "its list of errors is empty";
            }

            return reason is null ? errors : null;
        }
        catch (JsonException)
        {
            reason = "it is not valid JSON";
            return null;
        }
    }

    /// <summary>
    /// The <c>message</c> of a connection error, or its JSON, shortened; or null.
    /// </summary>
    public static string? Describe(ReadOnlyMemory<byte> message, Range? payload)
    {
        if (payload is not { } range)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(message[range], GraphQLJson.DocumentOptions);
            var root = document.RootElement;
            var text = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("message", out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : root.ValueKind == JsonValueKind.String ? root.GetString() : root.GetRawText();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return text.Length > MaxDetailLength ? text[..MaxDetailLength] + "…" : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyList<GraphQLError>? ReadSingle(
        ReadOnlyMemory<byte> error,
        out string? reason)
    {
        // One error object: read it as a list of one, so it is read exactly like a list entry.
        var wrapped = new byte[error.Length + 2];
        wrapped[0] = (byte)'[';
        error.Span.CopyTo(wrapped.AsSpan(1));
        wrapped[^1] = (byte)']';
        using var document = JsonDocument.Parse(wrapped, GraphQLJson.DocumentOptions);
        reason = GraphQLResultReader.TryReadErrors(document.RootElement, out var errors);
        return reason is null ? errors : null;
    }
}
