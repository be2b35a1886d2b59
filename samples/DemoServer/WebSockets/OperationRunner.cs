using System.Threading.Channels;
using AioGraphQL.DemoServer.Execution;
using GraphQL;
using GraphQLParser.AST;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// Runs one operation received over a WebSocket, whatever its type, and reports each result;
/// the sub-protocol sessions turn those reports into their own messages.
/// </summary>
internal sealed class OperationRunner
{
    private readonly GraphQLRuntime _runtime;

    /// <summary>Creates a runner over the server's schema.</summary>
    public OperationRunner(GraphQLRuntime runtime)
    {
        _runtime = runtime;
    }

    /// <summary>Runs the operation to its end.</summary>
    /// <param name="request">The operation to run.</param>
    /// <param name="userContext">The connection's viewer and headers.</param>
    /// <param name="onResultAsync">
    /// Receives the single result of a query or mutation, or each event of a subscription.
    /// </param>
    /// <param name="cancellationToken">Stops the operation.</param>
    /// <returns>
    /// Null when the operation completed, or the errors that ended it: a document that failed
    /// validation, a subscription that could not start, or a failing event stream.
    /// </returns>
    /// <exception cref="OperationCanceledException">The token fired.</exception>
    public async Task<ExecutionErrors?> RunAsync(
        GraphQLRequestBody request,
        DemoUserContext userContext,
        Func<ExecutionResult, Task> onResultAsync,
        CancellationToken cancellationToken)
    {
        var result = await _runtime.ExecuteAsync(request, userContext, null, cancellationToken);
        if (!result.Executed)
        {
            return result.Errors ?? [new ExecutionError("The operation could not be executed.")];
        }

        if (result.Streams is { Count: > 0 } streams)
        {
            // Validation allows a subscription exactly one root field, so one stream.
            var stream = streams.Values.First();
            return await ForwardEventsAsync(stream, onResultAsync, cancellationToken);
        }

        if (result.Operation?.Operation == OperationType.Subscription)
        {
            return result.Errors ?? [new ExecutionError("The subscription could not start.")];
        }

        await onResultAsync(result);
        return null;
    }

    private static async Task<ExecutionErrors?> ForwardEventsAsync(
        IObservable<ExecutionResult> stream,
        Func<ExecutionResult, Task> onResultAsync,
        CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<ExecutionResult>(
            new UnboundedChannelOptions { SingleReader = true });
        using var subscription = stream.Subscribe(new ChannelObserver(events.Writer));
        try
        {
            await foreach (var result in events.Reader.ReadAllAsync(cancellationToken))
            {
                await onResultAsync(result);
            }
        }
        catch (ExecutionError error)
        {
            return [error];
        }

        return null;
    }
}
