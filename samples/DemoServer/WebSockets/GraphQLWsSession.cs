using System.Text.Json;
using AioGraphQL.DemoServer.Execution;
using GraphQL;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// The server side of the legacy subscriptions-transport-ws protocol (sub-protocol name
/// graphql-ws) for one connection, keep-alive messages included.
/// </summary>
/// <remarks>
/// Choices where the protocol is vague: rejected credentials get <c>connection_error</c> and
/// then close code 4403; a repeated <c>connection_init</c> is acknowledged again without
/// re-authenticating; <c>stop</c> is not answered with <c>complete</c>; a <c>start</c> that
/// reuses a running id replaces that operation; the <c>error</c> payload is an array of
/// GraphQL errors.
/// </remarks>
internal sealed class GraphQLWsSession
{
    private static readonly TimeSpan s_keepAliveInterval = TimeSpan.FromSeconds(10);

    private readonly WebSocketConnection _connection;

    private readonly RequestHeaders _upgradeHeaders;

    private readonly SessionServices _services;

    private readonly OperationRegistry _operations = new();

    private DemoUserContext? _userContext;

    private Task _keepAlive = Task.CompletedTask;

    /// <summary>Creates the session for an accepted socket.</summary>
    /// <param name="connection">The socket.</param>
    /// <param name="upgradeHeaders">The HTTP upgrade request's headers.</param>
    /// <param name="services">What all sessions share.</param>
    public GraphQLWsSession(
        WebSocketConnection connection,
        RequestHeaders upgradeHeaders,
        SessionServices services)
    {
        _connection = connection;
        _upgradeHeaders = upgradeHeaders;
        _services = services;
    }

    /// <summary>Serves the connection until either side closes it.</summary>
    /// <param name="connectionToken">Fires when the connection is aborted.</param>
    public async Task RunAsync(CancellationToken connectionToken)
    {
        using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(connectionToken);
        try
        {
            await _connection.ReceiveUntilClosedAsync(HandleFrameAsync, sessionEnd.Token);
        }
        finally
        {
            await sessionEnd.CancelAsync();
            await _operations.CancelAllAsync();
            await _keepAlive;
        }
    }

    private Task HandleFrameAsync(ReceivedFrame frame, CancellationToken sessionToken)
    {
        switch (frame.Status)
        {
            case ReceiveStatus.TooLarge:
                return _connection.CloseAsync(1009, "Message too big");
            case ReceiveStatus.Binary:
                return _connection.CloseAsync(1003, "Only text messages are supported");
        }

        if (!ClientMessage.TryParse(frame.Text, out var message))
        {
            return SendConnectionErrorAsync("The message is not a JSON object with a string type.");
        }

        return message.Type switch
        {
            "connection_init" => InitialiseAsync(message, sessionToken),
            "start" => StartAsync(message, sessionToken),
            "stop" => StopAsync(message),
            "connection_terminate" => _connection.CloseAsync(1000, "Normal closure"),
            _ => SendErrorAsync(message.Id, $"Unknown message type '{message.Type}'."),
        };
    }

    private async Task InitialiseAsync(ClientMessage message, CancellationToken sessionToken)
    {
        if (Volatile.Read(ref _userContext) is not null)
        {
            await _connection.SendAsync(ProtocolMessageWriter.Message("connection_ack"));
            return;
        }

        if (message.Payload is { ValueKind: not JsonValueKind.Object })
        {
            await SendConnectionErrorAsync("The connection_init payload must be an object.");
            return;
        }

        var identity = ConnectionIdentity.Resolve(
            message.Payload,
            _upgradeHeaders,
            _services.Authenticator);
        if (identity.Auth.Viewer is not { } viewer)
        {
            await SendConnectionErrorAsync("Forbidden");
            await _connection.CloseAsync(4403, "Forbidden");
            return;
        }

        Volatile.Write(ref _userContext, new DemoUserContext(viewer, identity.Headers));
        await _connection.SendAsync(ProtocolMessageWriter.Message("connection_ack"));
        _keepAlive = KeepAliveAsync(sessionToken);
    }

    private async Task StartAsync(ClientMessage message, CancellationToken sessionToken)
    {
        if (message.Id is not { Length: > 0 } id)
        {
            await SendErrorAsync(null, "A start message needs a non-empty string id.");
            return;
        }

        if (Volatile.Read(ref _userContext) is not { } userContext)
        {
            await SendErrorAsync(id, "Send connection_init and wait for connection_ack first.");
            return;
        }

        if (message.Payload is not { } payload
            || !_services.Runtime.RequestReader.TryRead(payload, out var request, out var error))
        {
            await SendErrorAsync(id, "The start payload must be a GraphQL request object.");
            return;
        }

        // The legacy protocol replaces an operation whose id is reused.
        _operations.Cancel(id);
        _operations.TryStart(
            id,
            operation => RunOperationAsync(operation, request, userContext),
            sessionToken);
    }

    private Task StopAsync(ClientMessage message)
    {
        if (message.Id is { } id)
        {
            _operations.Cancel(id);
        }

        return Task.CompletedTask;
    }

    private async Task RunOperationAsync(
        RunningOperation operation,
        GraphQLRequestBody request,
        DemoUserContext userContext)
    {
        ExecutionErrors? errors;
        try
        {
            errors = await _services.Runner.RunAsync(
                request,
                userContext,
                result => operation.Token.IsCancellationRequested
                    ? Task.CompletedTask
                    : _connection.SendAsync(_services.Writer.Result("data", operation.Id, result)),
                operation.Token);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // Stopped by the client or by the connection ending: nothing is due.
            return;
        }
        catch (Exception exception)
        {
            // An unexpected failure still ends the operation the way the protocol allows.
            errors = [new ExecutionError("The operation failed on the server.", exception)];
        }

        if (!_operations.TryRelease(operation))
        {
            return;
        }

        await _connection.SendAsync(errors is null
            ? ProtocolMessageWriter.Message("complete", operation.Id)
            : _services.Writer.Errors("error", operation.Id, errors));
    }

    private Task<bool> SendConnectionErrorAsync(string message) =>
        _connection.SendAsync(
            ProtocolMessageWriter.ErrorMessage("connection_error", id: null, message));

    private async Task SendErrorAsync(string? id, string message) =>
        await _connection.SendAsync(
            _services.Writer.Errors("error", id, [new ExecutionError(message)]));

    private async Task KeepAliveAsync(CancellationToken sessionToken)
    {
        using var timer = new PeriodicTimer(s_keepAliveInterval, _services.TimeProvider);
        try
        {
            // Bounded by the session: the token fires when it ends, and a failed send (the
            // socket is closing or gone) stops the loop at once.
            do
            {
                if (!await _connection.SendAsync(ProtocolMessageWriter.Message("ka")))
                {
                    return;
                }
            }
            while (await timer.WaitForNextTickAsync(sessionToken));
        }
        catch (OperationCanceledException)
        {
            // The session ended; keep-alive ends with it.
        }
    }
}
