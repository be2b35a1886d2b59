namespace AioGraphQL.Client;

/// <summary>A position in the request document that an error points at (1-based).</summary>
/// <param name="Line">The line, counting from 1.</param>
/// <param name="Column">The column, counting from 1.</param>
public readonly record struct GraphQLErrorLocation(int Line, int Column);
