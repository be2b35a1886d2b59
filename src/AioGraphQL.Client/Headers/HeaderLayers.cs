namespace AioGraphQL.Client;

/// <summary>Merges the three header layers: client defaults, then request, then call.</summary>
internal static class HeaderLayers
{
    /// <summary>
    /// The headers to send, later layers winning, names case-insensitive, removals applied.
    /// Each name keeps the spelling of the layer that set it.
    /// </summary>
    public static List<KeyValuePair<string, string>> Merge(
        GraphQLHeaders? client,
        GraphQLHeaders? request,
        GraphQLHeaders? call)
    {
        var merged = new Dictionary<string, KeyValuePair<string, string?>>(
            StringComparer.OrdinalIgnoreCase);

        Apply(merged, client);
        Apply(merged, request);
        Apply(merged, call);

        var result = new List<KeyValuePair<string, string>>(merged.Count);
        foreach (var (name, value) in merged.Values)
        {
            if (value is not null)
            {
                result.Add(new KeyValuePair<string, string>(name, value));
            }
        }

        return result;
    }

    /// <summary>Whether the request or call layer names the header explicitly.</summary>
    public static bool IsSetExplicitly(
        string name,
        GraphQLHeaders? request,
        GraphQLHeaders? call) =>
        (request?.Contains(name) ?? false) || (call?.Contains(name) ?? false);

    private static void Apply(
        Dictionary<string, KeyValuePair<string, string?>> merged,
        GraphQLHeaders? layer)
    {
        if (layer is null)
        {
            return;
        }

        foreach (var entry in layer)
        {
            merged.Remove(entry.Key);
            merged[entry.Key] = entry;
        }
    }
}
