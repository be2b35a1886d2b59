using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client;

/// <summary>
/// Every log message of the library. Event ids: 1xxx HTTP, 2xxx WebSocket, 3xxx authorization.
/// No message takes a header value, token, cookie, payload, variable or response data.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Debug,
        "Sending GraphQL {Method} request for operation {OperationName}")]
    public static partial void HttpRequestStarting(
        ILogger logger,
        string method,
        string? operationName);

    [LoggerMessage(1001, LogLevel.Debug,
        "GraphQL response {StatusCode} ({Bytes} bytes, {ErrorCount} errors) in {ElapsedMs} ms")]
    public static partial void HttpResponseReceived(
        ILogger logger,
        int statusCode,
        int bytes,
        int errorCount,
        double elapsedMs);

    [LoggerMessage(1002, LogLevel.Warning,
        "GraphQL HTTP exchange failed ({Failure}, status {StatusCode})")]
    public static partial void HttpExchangeFailed(
        ILogger logger,
        GraphQLHttpFailure failure,
        int? statusCode);

    [LoggerMessage(1003, LogLevel.Warning,
        "GraphQL request timed out after {TimeoutMs} ms")]
    public static partial void HttpTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(3000, LogLevel.Information,
        "The server refused the credential (status {StatusCode}); refreshing it and retrying once")]
    public static partial void CredentialRefused(ILogger logger, int statusCode);

    [LoggerMessage(3001, LogLevel.Warning,
        "Refreshing the credential failed: {ExceptionType}")]
    public static partial void CredentialRefreshFailed(ILogger logger, string exceptionType);
}
