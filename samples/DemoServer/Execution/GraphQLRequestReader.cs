using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.AspNetCore.Http;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>
/// Reads the GraphQL-over-HTTP request parameters (query, operationName, variables,
/// extensions) from a JSON object or from a URL query string, rejecting ill-formed ones.
/// </summary>
internal sealed class GraphQLRequestReader
{
    private readonly GraphQLSerializer _serializer;

    /// <summary>Creates a reader that turns JSON values into GraphQL.NET inputs.</summary>
    public GraphQLRequestReader(GraphQLSerializer serializer)
    {
        _serializer = serializer;
    }

    /// <summary>Reads a request from a JSON object: a POST body or a subscribe payload.</summary>
    /// <param name="json">The JSON value that should hold the request.</param>
    /// <param name="request">The request, when it is well-formed.</param>
    /// <param name="error">Why the request is ill-formed, otherwise.</param>
    /// <returns>Whether the request is well-formed.</returns>
    public bool TryRead(
        JsonElement json,
        [NotNullWhen(true)] out GraphQLRequestBody? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = "The request must be a JSON object.";
            return false;
        }

        if (!json.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(query.GetString()))
        {
            error = "The request must have a non-empty string 'query'.";
            return false;
        }

        if (!TryReadOptionalString(json, "operationName", out var operationName)
            || !TryReadOptionalObject(json, "variables", out var variables)
            || !TryReadOptionalObject(json, "extensions", out var extensions))
        {
            error = "'operationName' must be a string and 'variables' and 'extensions' objects.";
            return false;
        }

        request = new GraphQLRequestBody(
            query.GetString()!, // Checked above to be a non-empty string.
            operationName,
            ToInputs(variables),
            ToInputs(extensions));
        error = null;
        return true;
    }

    /// <summary>Reads a request from the query string of a GET request.</summary>
    /// <param name="query">The URL query parameters.</param>
    /// <param name="request">The request, when it is well-formed.</param>
    /// <param name="error">Why the request is ill-formed, otherwise.</param>
    /// <returns>Whether the request is well-formed.</returns>
    public bool TryRead(
        IQueryCollection query,
        [NotNullWhen(true)] out GraphQLRequestBody? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        var document = query["query"].ToString();
        if (string.IsNullOrWhiteSpace(document))
        {
            error = "The request must have a non-empty 'query' parameter.";
            return false;
        }

        if (!TryParseObjectParameter(query, "variables", out var variables)
            || !TryParseObjectParameter(query, "extensions", out var extensions))
        {
            error = "The 'variables' and 'extensions' parameters must be JSON objects.";
            return false;
        }

        var operationName = query["operationName"].ToString();
        request = new GraphQLRequestBody(
            document,
            operationName.Length == 0 ? null : operationName,
            variables,
            extensions);
        error = null;
        return true;
    }

    private bool TryParseObjectParameter(IQueryCollection query, string name, out Inputs? inputs)
    {
        inputs = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (!TryReadOptionalObject(document.RootElement, out var value))
            {
                return false;
            }

            inputs = ToInputs(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private Inputs? ToInputs(JsonElement? value) =>
        value is { } element ? _serializer.ReadNode<Inputs>(element) : null;

    private static bool TryReadOptionalString(JsonElement json, string name, out string? value)
    {
        value = null;
        if (!json.TryGetProperty(name, out var property)
            || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return value is not null;
    }

    private static bool TryReadOptionalObject(JsonElement json, string name, out JsonElement? value)
    {
        value = null;
        return !json.TryGetProperty(name, out var property)
            || TryReadOptionalObject(property, out value);
    }

    private static bool TryReadOptionalObject(JsonElement property, out JsonElement? value)
    {
        value = property.ValueKind == JsonValueKind.Object ? property : null;
        return property.ValueKind is JsonValueKind.Object or JsonValueKind.Null;
    }
}
