using GraphQL;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>One GraphQL request as read from HTTP or from a WebSocket message.</summary>
/// <param name="Query">The GraphQL document.</param>
/// <param name="OperationName">Which operation of the document to run, if it has several.</param>
/// <param name="Variables">The variable values, if any.</param>
/// <param name="Extensions">The request extensions, if any.</param>
internal sealed record GraphQLRequestBody(
    string Query,
    string? OperationName,
    Inputs? Variables,
    Inputs? Extensions);
