using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>Serializer settings shared by every transport.</summary>
internal static class GraphQLJson
{
    /// <summary>
    /// Web defaults (camelCase, case-insensitive reading), used for variables and
    /// <see cref="GraphQLResponse.GetData{T}(JsonSerializerOptions?)"/> when the caller gives none.
    /// </summary>
    public static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Reading options for response documents: the defaults, depth included.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };
}
