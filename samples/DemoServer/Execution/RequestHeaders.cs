using Microsoft.AspNetCore.Http;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>
/// The headers a GraphQL operation sees, in the order received, with names compared
/// case-insensitively. Over WebSockets these are the upgrade request's headers overlaid with
/// the values from the connection_init payload.
/// </summary>
internal sealed class RequestHeaders
{
    private readonly List<KeyValuePair<string, string>> _entries;

    private RequestHeaders(List<KeyValuePair<string, string>> entries)
    {
        _entries = entries;
    }

    /// <summary>Every header, in the order received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All => _entries;

    /// <summary>Copies an HTTP request's headers; repeated headers are joined by commas.</summary>
    public static RequestHeaders From(IHeaderDictionary headers)
    {
        var entries = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var (name, values) in headers)
        {
            entries.Add(new(name, values.ToString()));
        }

        return new RequestHeaders(entries);
    }

    /// <summary>Creates headers from name/value pairs; later pairs replace earlier ones.</summary>
    public static RequestHeaders From(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new RequestHeaders([]).WithOverrides(pairs);

    /// <summary>The value of a header, or null when it was not received.</summary>
    /// <param name="name">The header name, in any letter case.</param>
    public string? Get(string name)
    {
        foreach (var (entryName, value) in _entries)
        {
            if (entryName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Whether the header was received.</summary>
    public bool Contains(string name) => Get(name) is not null;

    /// <summary>
    /// Returns a copy in which each pair replaces the header of the same name, keeping the
    /// replaced header's position, or is appended when no such header exists.
    /// </summary>
    public RequestHeaders WithOverrides(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var entries = new List<KeyValuePair<string, string>>(_entries);
        foreach (var pair in pairs)
        {
            var index = entries.FindIndex(
                entry => entry.Key.Equals(pair.Key, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                entries[index] = pair;
            }
            else
            {
                entries.Add(pair);
            }
        }

        return new RequestHeaders(entries);
    }
}
