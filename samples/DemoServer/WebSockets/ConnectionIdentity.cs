using System.Text.Json;
using AioGraphQL.DemoServer.Auth;
using AioGraphQL.DemoServer.Execution;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// Who a WebSocket connection acts for, decided at connection_init, and the headers its
/// operations see.
/// </summary>
/// <param name="Auth">The authentication outcome.</param>
/// <param name="Headers">
/// The upgrade request's headers overlaid with the payload's: first the members of
/// <c>payload.headers</c>, then the payload's other top-level members.
/// </param>
internal sealed record ConnectionIdentity(AuthResult Auth, RequestHeaders Headers)
{
    /// <summary>
    /// Authenticates a connection. Credentials in the connection_init payload (Authorization
    /// or X-API-Key, at the top level or under <c>headers</c>, any letter case) win; only when
    /// the payload has none do the upgrade request's headers and session cookie count.
    /// </summary>
    /// <param name="payload">The connection_init payload: an object, or null when absent.</param>
    /// <param name="upgradeHeaders">The headers of the HTTP upgrade request.</param>
    /// <param name="authenticator">Checks the chosen credentials.</param>
    public static ConnectionIdentity Resolve(
        JsonElement? payload,
        RequestHeaders upgradeHeaders,
        Authenticator authenticator)
    {
        var payloadHeaders = RequestHeaders.From(ReadPayloadHeaders(payload));
        var credentials = PresentedCredentials.From(payloadHeaders);
        if (credentials.IsEmpty)
        {
            credentials = PresentedCredentials.From(upgradeHeaders);
        }

        return new ConnectionIdentity(
            authenticator.Authenticate(credentials),
            upgradeHeaders.WithOverrides(payloadHeaders.All));
    }

    private static List<KeyValuePair<string, string>> ReadPayloadHeaders(JsonElement? payload)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (payload is not { ValueKind: JsonValueKind.Object } members)
        {
            return pairs;
        }

        if (members.TryGetProperty("headers", out var nested)
            && nested.ValueKind == JsonValueKind.Object)
        {
            AddMembers(nested, pairs);
        }

        // Top-level members come last so that they replace same-named nested ones.
        AddMembers(members, pairs);
        return pairs;
    }

    private static void AddMembers(JsonElement json, List<KeyValuePair<string, string>> pairs)
    {
        foreach (var member in json.EnumerateObject())
        {
            if (member.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            {
                continue;
            }

            var value = member.Value.ValueKind == JsonValueKind.String
                ? member.Value.GetString()! // A JSON string is never null.
                : member.Value.GetRawText();
            pairs.Add(new(member.Name, value));
        }
    }
}
