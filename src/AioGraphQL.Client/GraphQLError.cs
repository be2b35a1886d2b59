using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// One entry of a response's <c>errors</c> list. Fields a server adds beyond the
/// specification's (such as a top-level <c>type</c>) are kept in <see cref="AdditionalFields"/>.
/// </summary>
public sealed class GraphQLError
{
    /// <summary>Creates an error.</summary>
    /// <param name="message">The server's description of the error.</param>
    /// <param name="locations">Where in the document it points, if anywhere.</param>
    /// <param name="path">The response path: field names and list indexes.</param>
    /// <param name="extensions">The server's <c>extensions</c> object, if any.</param>
    /// <param name="additionalFields">Any other fields of the error object.</param>
    public GraphQLError(
        string message,
        IReadOnlyList<GraphQLErrorLocation>? locations = null,
        IReadOnlyList<object>? path = null,
        JsonElement? extensions = null,
        IReadOnlyDictionary<string, JsonElement>? additionalFields = null)
    {
        Message = message;
        Locations = locations ?? [];
        Path = path ?? [];
        Extensions = extensions;
        AdditionalFields = additionalFields ?? new Dictionary<string, JsonElement>();
    }

    /// <summary>The server's description of the error.</summary>
    public string Message { get; }

    /// <summary>Where in the document the error points; empty when it points nowhere.</summary>
    public IReadOnlyList<GraphQLErrorLocation> Locations { get; }

    /// <summary>
    /// The response path: <see cref="string"/> field names and <see cref="int"/> indexes.
    /// </summary>
    public IReadOnlyList<object> Path { get; }

    /// <summary>
    /// The error's <c>extensions</c> object, independent of the response's lifetime.
    /// </summary>
    public JsonElement? Extensions { get; }

    /// <summary>
    /// Fields of the error object other than message, locations, path and extensions.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; }

    /// <summary>
    /// The <c>extensions.code</c> string, such as <c>UNAUTHENTICATED</c>, if present.
    /// </summary>
    public string? Code =>
        Extensions is { ValueKind: JsonValueKind.Object } extensions
        && extensions.TryGetProperty("code", out var code)
        && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;

    /// <inheritdoc />
    public override string ToString() => Message;
}
