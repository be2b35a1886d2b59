using System.Text.Encodings.Web;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>
/// The schema together with what runs it and writes its results: the one place both HTTP and
/// WebSocket transports go through to execute an operation.
/// </summary>
internal sealed class GraphQLRuntime
{
    private readonly ISchema _schema;

    private readonly DocumentExecuter _executer = new();

    /// <summary>Creates the runtime for a schema.</summary>
    public GraphQLRuntime(ISchema schema)
    {
        _schema = schema;

        // Our converter goes in first so that GraphQL.NET sees an error writer is present
        // and does not add its own.
        var serializerOptions = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        serializerOptions.Converters.Add(new GraphQLErrorJsonConverter());
        Serializer = new GraphQLSerializer(serializerOptions);
        RequestReader = new GraphQLRequestReader(Serializer);
    }

    /// <summary>Writes execution results and reads inputs.</summary>
    public GraphQLSerializer Serializer { get; }

    /// <summary>Reads request parameters from JSON or a query string.</summary>
    public GraphQLRequestReader RequestReader { get; }

    /// <summary>Parses, validates and executes one request.</summary>
    /// <param name="request">The request to run.</param>
    /// <param name="userContext">The caller's viewer and headers.</param>
    /// <param name="transportRule">Limits the operation types, or null to allow all.</param>
    /// <param name="cancellationToken">Stops a running operation.</param>
    /// <returns>
    /// The result; <see cref="ExecutionResult.Executed"/> is false when the document failed to
    /// parse or validate, and <see cref="ExecutionResult.Streams"/> holds a subscription's events.
    /// </returns>
    public Task<ExecutionResult> ExecuteAsync(
        GraphQLRequestBody request,
        DemoUserContext userContext,
        IValidationRule? transportRule,
        CancellationToken cancellationToken)
    {
        var options = new ExecutionOptions
        {
            Schema = _schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables ?? Inputs.Empty,
            Extensions = request.Extensions ?? Inputs.Empty,
            UserContext = userContext,
            CancellationToken = cancellationToken,
        };
        if (transportRule is not null)
        {
            options.ValidationRules = DocumentValidator.CoreRules.Append(transportRule);
        }

        return _executer.ExecuteAsync(options);
    }
}
