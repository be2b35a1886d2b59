using Microsoft.AspNetCore.Http;

namespace AioGraphQL.DemoServer.Http;

/// <summary>Why an HTTP request could not be read as a GraphQL request.</summary>
/// <param name="StatusCode">The status to answer with.</param>
/// <param name="Message">The error message for the body.</param>
/// <param name="Code">The error's extensions code.</param>
internal readonly record struct RequestError(int StatusCode, string Message, string Code)
{
    /// <summary>A request that is not a well-formed GraphQL-over-HTTP request.</summary>
    public static RequestError BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, message, "BAD_REQUEST");
}
