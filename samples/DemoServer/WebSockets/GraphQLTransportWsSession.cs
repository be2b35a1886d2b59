using System.Text.Json;
using AioGraphQL.DemoServer.Execution;
using GraphQL;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// The server side of the graphql-transport-ws protocol (the graphql-ws library) for one
/// connection, with the protocol's close codes for every violation.
/// </summary>
internal sealed class GraphQLTransportWsSession
{
    private static readonly TimeSpan s_initTimeout = TimeSpan.FromSeconds(10);

    private readonly WebSocketConnection _connection;

    private readonly RequestHeaders _upgradeHeaders;

    private readonly SessionServices _services;

    private readonly OperationRegistry _operations = new();

    private int _initReceived;

    private DemoUserContext? _userContext;

    /// <summary>Creates the session for an accepted socket.</summary>
    /// <param name="connection">The socket.</param>
    /// <param name="upgradeHeaders">The HTTP upgrade request's headers.</param>
    /// <param name="services">What all sessions share.</param>
    public GraphQLTransportWsSession(
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
        var initTimeout = CloseUnlessInitialisedAsync(sessionEnd.Token);
        try
        {
            await _connection.ReceiveUntilClosedAsync(HandleFrameAsync, sessionEnd.Token);
        }
        finally
        {
            await sessionEnd.CancelAsync();
            await _operations.CancelAllAsync();
            await initTimeout;
        }
    }

    private Task HandleFrameAsync(ReceivedFrame frame, CancellationToken sessionToken)
    {
        if (frame.Status == ReceiveStatus.TooLarge)
        {
            return _connection.CloseAsync(1009, "Message too big");
        }

        if (frame.Status != ReceiveStatus.Text
            || !ClientMessage.TryParse(frame.Text, out var message))
        {
            return CloseInvalidAsync();
        }

        return message.Type switch
        {
            "connection_init" => InitialiseAsync(message),
            "ping" => PongAsync(message.Payload),
            "pong" => Task.CompletedTask,
            "subscribe" => SubscribeAsync(message, sessionToken),
            "complete" when message.Id is { } id => CompleteAsync(id),
            _ => CloseInvalidAsync(),
        };
    }

    private async Task InitialiseAsync(ClientMessage message)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            await _connection.CloseAsync(4429, "Too many initialisation requests");
            return;
        }

        if (message.Payload is { ValueKind: not JsonValueKind.Object })
        {
            await CloseInvalidAsync();
            return;
        }

        var identity = ConnectionIdentity.Resolve(
            message.Payload,
            _upgradeHeaders,
            _services.Authenticator);
        if (identity.Auth.Viewer is not { } viewer)
        {
            await _connection.CloseAsync(4403, "Forbidden");
            return;
        }

        // Set before the ack goes out, so any subscribe that follows it finds the context.
        Volatile.Write(ref _userContext, new DemoUserContext(viewer, identity.Headers));
        await _connection.SendAsync(ProtocolMessageWriter.Message("connection_ack"));
    }

    private async Task SubscribeAsync(ClientMessage message, CancellationToken sessionToken)
    {
        if (Volatile.Read(ref _userContext) is not { } userContext)
        {
            await _connection.CloseAsync(4401, "Unauthorized");
            return;
        }

        if (message.Id is not { Length: > 0 } id
            || message.Payload is not { } payload
            || !_services.Runtime.RequestReader.TryRead(payload, out var request, out _))
        {
            await CloseInvalidAsync();
            return;
        }

        var started = _operations.TryStart(
            id,
            operation => RunOperationAsync(operation, request, userContext),
            sessionToken);
        if (!started)
        {
            await _connection.CloseAsync(4409, $"Subscriber for {id} already exists");
        }
    }

    private Task<bool> PongAsync(JsonElement? pingPayload)
    {
        // The protocol lets pong carry the ping's payload back; only objects are allowed.
        var pong = pingPayload is { ValueKind: JsonValueKind.Object } payload
            ? ProtocolMessageWriter.Echo("pong", payload)
            : ProtocolMessageWriter.Message("pong");
        return _connection.SendAsync(pong);
    }

    private Task CompleteAsync(string id)
    {
        _operations.Cancel(id);
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
                result => SendUnlessStoppedAsync(operation, "next", result),
                operation.Token);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            // Stopped by the client's complete or by the connection ending: nothing is due.
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

    private Task SendUnlessStoppedAsync(
        RunningOperation operation,
        string type,
        ExecutionResult result)
    {
        return operation.Token.IsCancellationRequested
            ? Task.CompletedTask
            : _connection.SendAsync(_services.Writer.Result(type, operation.Id, result));
    }

    private Task CloseInvalidAsync() => _connection.CloseAsync(4400, "Invalid message received");

    private async Task CloseUnlessInitialisedAsync(CancellationToken sessionToken)
    {
        try
        {
            await Task.Delay(s_initTimeout, _services.TimeProvider, sessionToken);
        }
        catch (OperationCanceledException)
        {
            // The session ended first; there is nothing to time out.
            return;
        }

        if (Volatile.Read(ref _initReceived) == 0)
        {
            await _connection.CloseAsync(4408, "Connection initialisation timeout");
        }
    }
}
