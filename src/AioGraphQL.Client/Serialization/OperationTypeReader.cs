using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace AioGraphQL.Client;

/// <summary>Finds which kind of operation a request would run, by parsing its document.</summary>
internal static class OperationTypeReader
{
    private static readonly ParserOptions s_options = new() { Ignore = IgnoreOptions.All };

    /// <summary>
    /// The type of the operation the server would pick: the one named by
    /// <paramref name="operationName"/>, or the document's only operation.
    /// </summary>
    public static OperationType Read(string query, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, s_options);
        }
        catch (GraphQLParserException ex)
        {
            // Description names the problem without repeating the document, which may be huge.
            throw new GraphQLInvalidRequestException(
                "The GraphQL document cannot be parsed, so its operation type is unknown: "
                    + ex.Description,
                ex);
        }

        GraphQLOperationDefinition? match = null;
        var count = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            count++;
            if (operationName is null || operation.Name?.StringValue == operationName)
            {
                match ??= operation;
            }
        }

        if (match is null || (operationName is null && count > 1))
        {
            throw new GraphQLInvalidRequestException(operationName is null
                ? "The document has no single operation; name the one to run."
                : $"The document has no operation named '{operationName}'.");
        }

        return match.Operation;
    }
}
