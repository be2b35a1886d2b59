using AioGraphQL.DemoServer.Execution;
using GraphQL;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>The GraphQL errors the schema's fields raise, each code written once.</summary>
internal static class DemoErrors
{
    /// <summary>The code of every authentication failure, over every transport.</summary>
    public const string UnauthenticatedCode = "UNAUTHENTICATED";

    /// <summary>A field that needs a signed-in caller was read anonymously.</summary>
    public static ExecutionError Unauthenticated(string fieldName) =>
        new($"Authentication is required to read '{fieldName}'.") { Code = UnauthenticatedCode };

    /// <summary>The error <c>boom</c> always raises, with a top-level <c>type</c>.</summary>
    public static ExecutionError Boom()
    {
        var error = new TypedExecutionError("boom", "DemoError") { Code = "DEMO_ERROR" };
        error.Data["detail"] = "The boom field always fails, to show how field errors look.";
        return error;
    }

    /// <summary>The error <c>failAfter</c> ends its stream with.</summary>
    public static ExecutionError StreamFailed(int eventCount)
    {
        var error = new TypedExecutionError(
            $"The stream failed on purpose after {eventCount} event(s).",
            "DemoError") { Code = "DEMO_STREAM_ERROR" };
        error.Data["detail"] = "failAfter always ends with an error instead of completing.";
        return error;
    }

    /// <summary>An argument was outside the range the field allows.</summary>
    public static ExecutionError OutOfRange(string argumentName, int minimum, int maximum) =>
        new($"'{argumentName}' must be between {minimum} and {maximum}.")
        {
            Code = "BAD_USER_INPUT",
        };
}
