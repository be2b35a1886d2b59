using System.Threading.Channels;
using GraphQL;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// Turns a subscription's pushed results into a channel an async loop can read in order; a
/// stream error completes the channel with that error.
/// </summary>
internal sealed class ChannelObserver : IObserver<ExecutionResult>
{
    private readonly ChannelWriter<ExecutionResult> _writer;

    /// <summary>Creates an observer that writes into the channel.</summary>
    public ChannelObserver(ChannelWriter<ExecutionResult> writer)
    {
        _writer = writer;
    }

    /// <inheritdoc/>
    public void OnNext(ExecutionResult value) => _writer.TryWrite(value);

    /// <inheritdoc/>
    public void OnError(Exception error) => _writer.TryComplete(error);

    /// <inheritdoc/>
    public void OnCompleted() => _writer.TryComplete();
}
