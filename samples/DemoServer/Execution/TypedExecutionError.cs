using GraphQL;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>
/// A GraphQL error that also names its kind in a top-level <c>type</c> member of the error
/// object, next to <c>message</c>, as some real servers do.
/// </summary>
internal sealed class TypedExecutionError : ExecutionError
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">The error message clients show.</param>
    /// <param name="errorType">The value written as the error's top-level <c>type</c>.</param>
    public TypedExecutionError(string message, string errorType)
        : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>The value written as the error's top-level <c>type</c>.</summary>
    public string ErrorType { get; }
}
