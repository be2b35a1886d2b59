using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client;

/// <summary>
/// Every log message of the WebSocket transport, event ids 2000-2999. No message takes a
/// header value, token, cookie, connection payload, variable or result: only endpoints
/// without their query, sub-protocols, operation ids and names, message types, close codes,
/// sizes, durations and attempt numbers.
/// </summary>
internal static partial class WebSocketLog
{
    [LoggerMessage(2000, LogLevel.Information,
        "Opening a GraphQL WebSocket to {Endpoint} offering {ProtocolCount} sub-protocols")]
    public static partial void Connecting(ILogger logger, string endpoint, int protocolCount);

    [LoggerMessage(2001, LogLevel.Information,
        "GraphQL WebSocket acknowledged, speaking {SubProtocol}, in {ElapsedMs} ms")]
    public static partial void Connected(ILogger logger, string subProtocol, double elapsedMs);

    [LoggerMessage(2002, LogLevel.Information,
        "The server accepted the upgrade without a sub-protocol; speaking {SubProtocol}")]
    public static partial void ProtocolFallback(ILogger logger, string subProtocol);

    [LoggerMessage(2003, LogLevel.Debug, "Sent connection_init ({PayloadBytes} payload bytes)")]
    public static partial void ConnectionInitSent(ILogger logger, int payloadBytes);

    [LoggerMessage(2004, LogLevel.Debug, "Sent {MessageKind} for operation {OperationId}")]
    public static partial void MessageSent(
        ILogger logger,
        WebSocketOutgoingMessage messageKind,
        string? operationId);

    [LoggerMessage(2005, LogLevel.Trace, "Received a {MessageKind} message")]
    public static partial void MessageReceived(ILogger logger, WebSocketMessageKind messageKind);

    [LoggerMessage(2006, LogLevel.Debug,
        "Started operation {OperationId} ({OperationName})")]
    public static partial void OperationStarted(
        ILogger logger,
        string operationId,
        string? operationName);

    [LoggerMessage(2007, LogLevel.Debug, "Operation {OperationId} ended: {Outcome}")]
    public static partial void OperationEnded(ILogger logger, string operationId, string outcome);

    [LoggerMessage(2008, LogLevel.Information,
        "The server closed the GraphQL WebSocket with {CloseStatus} (retryable: {IsRetryable})")]
    public static partial void ClosedByServer(ILogger logger, int closeStatus, bool isRetryable);

    [LoggerMessage(2009, LogLevel.Information, "Closing the GraphQL WebSocket with 1000")]
    public static partial void ClosingNormally(ILogger logger);

    [LoggerMessage(2010, LogLevel.Debug,
        "The WebSocket close did not complete cleanly ({ExceptionType}); aborting it")]
    public static partial void CloseIncomplete(ILogger logger, string exceptionType);

    [LoggerMessage(2011, LogLevel.Warning,
        "The server did not acknowledge the connection within {TimeoutMs} ms")]
    public static partial void AckTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(2012, LogLevel.Warning, "No pong arrived within {TimeoutMs} ms")]
    public static partial void PongTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(2013, LogLevel.Warning, "No keep-alive arrived within {TimeoutMs} ms")]
    public static partial void KeepAliveTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(2014, LogLevel.Debug, "Skipped a second connection_ack")]
    public static partial void DuplicateAck(ILogger logger);

    [LoggerMessage(2015, LogLevel.Warning,
        "Skipped a {MessageType} message for operation {OperationId}, which is not running")]
    public static partial void UnknownOperation(
        ILogger logger,
        string messageType,
        string? operationId);

    [LoggerMessage(2016, LogLevel.Warning, "Skipped a message of unknown type {MessageType}")]
    public static partial void UnknownTypeSkipped(ILogger logger, string messageType);

    [LoggerMessage(2017, LogLevel.Warning,
        "Skipped a connection_error received after the acknowledgement")]
    public static partial void ConnectionErrorSkipped(ILogger logger);

    [LoggerMessage(2018, LogLevel.Warning, "The server refused the connection (connection_error)")]
    public static partial void ConnectionRefused(ILogger logger);

    [LoggerMessage(2019, LogLevel.Warning,
        "The server broke the protocol (message type {MessageType})")]
    public static partial void ProtocolViolation(ILogger logger, string? messageType);

    [LoggerMessage(2020, LogLevel.Debug,
        "Sending for operation {OperationId} failed ({ExceptionType}); the socket is going away")]
    public static partial void SendFailed(ILogger logger, string operationId, string exceptionType);

    [LoggerMessage(2021, LogLevel.Warning,
        "Connect attempt {Attempt} failed ({ExceptionType}, close status {CloseStatus})")]
    public static partial void ConnectFailed(
        ILogger logger,
        int attempt,
        string exceptionType,
        int? closeStatus);

    [LoggerMessage(2022, LogLevel.Warning,
        "Reconnecting (retry {Retry}) in {DelayMs} ms after close status {CloseStatus}")]
    public static partial void ReconnectScheduled(
        ILogger logger,
        int retry,
        double delayMs,
        int? closeStatus);

    [LoggerMessage(2023, LogLevel.Information, "Reconnected on retry {Retry}")]
    public static partial void Reconnected(ILogger logger, int retry);

    [LoggerMessage(2024, LogLevel.Error,
        "Gave up reconnecting after {Retries} retries; failing the running operations")]
    public static partial void ReconnectGaveUp(ILogger logger, int retries);

    [LoggerMessage(2025, LogLevel.Information,
        "The server refused the credential; asking the authorization provider for a fresh one")]
    public static partial void CredentialRefreshing(ILogger logger);

    [LoggerMessage(2026, LogLevel.Debug, "Closing an idle GraphQL WebSocket")]
    public static partial void IdleClosing(ILogger logger);

    [LoggerMessage(2027, LogLevel.Error,
        "The {Callback} callback of subscription {OperationId} threw {ExceptionType}")]
    public static partial void CallbackFailed(
        ILogger logger,
        string operationId,
        string callback,
        string exceptionType);

    [LoggerMessage(2028, LogLevel.Warning, "Subscription {OperationId} failed: {ExceptionType}")]
    public static partial void SubscriptionEndedWith(
        ILogger logger,
        string operationId,
        string exceptionType);

    [LoggerMessage(2029, LogLevel.Warning,
        "The server accepted {SubProtocol} and then closed with 1002; offering the others")]
    public static partial void ProtocolRejected(ILogger logger, string subProtocol);
}
