using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>A message from the client, in the envelope both sub-protocols share.</summary>
/// <param name="Type">The message type, such as <c>subscribe</c> or <c>start</c>.</param>
/// <param name="Id">The operation id, when the message has one.</param>
/// <param name="Payload">The payload, when present and not null.</param>
internal sealed record ClientMessage(string Type, string? Id, JsonElement? Payload)
{
    /// <summary>Reads the envelope of a text message.</summary>
    /// <param name="text">The message text.</param>
    /// <param name="message">The message, when the text is a JSON object with a string type
    /// and, if present, a string id.</param>
    /// <returns>Whether the envelope is well-formed.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out ClientMessage? message)
    {
        message = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                id = idElement.GetString();
            }

            JsonElement? payload = root.TryGetProperty("payload", out var payloadElement)
                && payloadElement.ValueKind != JsonValueKind.Null
                    ? payloadElement.Clone()
                    : null;
            message = new ClientMessage(type.GetString()!, id, payload); // Checked to be a string.
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
