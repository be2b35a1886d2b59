using System.Collections.ObjectModel;

namespace AioGraphQL.Client;

/// <summary>
/// One GraphQL operation to send: the document, its variables and operation name, and headers
/// that apply to this request only. Immutable: derive variants with <c>with</c>.
/// </summary>
public sealed record GraphQLRequest
{
    private readonly string _query = string.Empty;

    private readonly IReadOnlyDictionary<string, object?>? _variables;

    private readonly IReadOnlyDictionary<string, object?>? _extensions;

    private readonly GraphQLHeaders? _headers;

    /// <summary>Creates a request.</summary>
    /// <param name="query">The GraphQL document.</param>
    /// <param name="variables">Variable values, serialized with System.Text.Json.</param>
    /// <param name="operationName">Which operation of the document to run.</param>
    /// <param name="headers">Headers for this request, over the client's defaults.</param>
    /// <param name="extensions">The request's <c>extensions</c> map.</param>
    /// <exception cref="ArgumentException"><paramref name="query"/> is null or empty.</exception>
    public GraphQLRequest(
        string query,
        IReadOnlyDictionary<string, object?>? variables = null,
        string? operationName = null,
        GraphQLHeaders? headers = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Query = query;
        Variables = variables;
        OperationName = operationName;
        Headers = headers;
        Extensions = extensions;
    }

    /// <summary>The GraphQL document text.</summary>
    /// <exception cref="ArgumentException">Set to null or empty.</exception>
    public string Query
    {
        get => _query;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            _query = value;
        }
    }

    /// <summary>Which operation of the document to run; needed when it has several.</summary>
    public string? OperationName { get; init; }

    /// <summary>
    /// Variable values. The request keeps its own copy, so changing the dictionary passed in
    /// later does not change the request.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Variables
    {
        get => _variables;
        init => _variables = Copy(value);
    }

    /// <summary>
    /// The request's <c>extensions</c> map (persisted-query hashes and the like).
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Extensions
    {
        get => _extensions;
        init => _extensions = Copy(value);
    }

    /// <summary>
    /// Headers for this request only, layered over the client's defaults and under the
    /// headers of a single call. Stored as a read-only copy.
    /// </summary>
    public GraphQLHeaders? Headers
    {
        get => _headers;
        init => _headers = value?.ToReadOnly();
    }

    /// <summary>
    /// Wraps a bare document, so a string can be passed where a request is expected.
    /// </summary>
    /// <param name="query">The GraphQL document.</param>
    public static implicit operator GraphQLRequest(string query) => new(query);

    private static ReadOnlyDictionary<string, object?>? Copy(
        IReadOnlyDictionary<string, object?>? value) =>
        value is null ? null : new(new Dictionary<string, object?>(value));
}
