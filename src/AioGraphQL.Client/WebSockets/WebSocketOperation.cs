using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace AioGraphQL.Client;

/// <summary>
/// One subscription on a socket: its id, its request, and the queue between the socket's
/// receive loop and the consumer. The queue never drops: unbounded, or bounded with the
/// receive loop waiting for room.
/// </summary>
internal sealed class WebSocketOperation
{
    private readonly Channel<WebSocketOperationEvent> _queue;

    private Exception? _failure;

    private int _ended;

    private long _sentGeneration;

    public WebSocketOperation(long id, GraphQLRequest request, bool wantsEvents, int? capacity)
    {
        Id = id;
        IdText = id.ToString(CultureInfo.InvariantCulture);
        Request = request;
        WantsEvents = wantsEvents;
        // A bounded channel even for "no limit": its ring buffer is reused, where the
        // unbounded channel's queue allocates new segments as results flow through it.
        _queue = Channel.CreateBounded<WebSocketOperationEvent>(
            new BoundedChannelOptions(capacity ?? int.MaxValue)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
    }

    public long Id { get; }

    public string IdText { get; }

    public GraphQLRequest Request { get; }

    /// <summary>Whether connection events are queued too (callback subscriptions).</summary>
    public bool WantsEvents { get; }

    public ChannelReader<WebSocketOperationEvent> Reader => _queue.Reader;

    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>
    /// Claims the right to send this operation's subscribe on socket generation
    /// <paramref name="generation"/>; true once per generation, so a first start and a
    /// re-subscribe after a reconnect never both send it.
    /// </summary>
    public bool TryClaimSend(long generation) =>
        Interlocked.Exchange(ref _sentGeneration, generation) != generation;

    /// <summary>Whether the subscribe was sent on <paramref name="generation"/>.</summary>
    public bool WasSentOn(long generation) => Volatile.Read(ref _sentGeneration) == generation;

    /// <summary>
    /// Queues an entry; waits for room when the queue is bounded and full. An entry that
    /// arrives after the operation ended is disposed.
    /// </summary>
    public ValueTask DeliverAsync(
        WebSocketOperationEvent entry,
        CancellationToken cancellationToken)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            return ValueTask.CompletedTask;
        }

        return DeliverSlowlyAsync(entry, cancellationToken);
    }

    /// <summary>
    /// Queues a connection event without making the caller wait, even on a full bounded
    /// queue; used where the caller holds a lock.
    /// </summary>
    public void Post(WebSocketOperationEvent entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            _ = PostSlowlyAsync(entry);
        }
    }

    /// <summary>Ends the operation normally; false when it had already ended.</summary>
    public bool Complete()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return false;
        }

        _queue.Writer.TryComplete();
        return true;
    }

    /// <summary>Ends the operation with <paramref name="failure"/>, read after the queue.</summary>
    public bool Fail(Exception failure)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return false;
        }

        _failure = failure;
        _queue.Writer.TryComplete();
        return true;
    }

    /// <summary>Throws the failure the operation ended with, if any.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Disposes results nobody will read, returning their pooled buffers.</summary>
    public void DisposeUnread()
    {
        while (_queue.Reader.TryRead(out var entry))
        {
            entry.Result?.Dispose();
        }
    }

    private async Task PostSlowlyAsync(WebSocketOperationEvent entry)
    {
        try
        {
            await _queue.Writer.WriteAsync(entry).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The operation ended first; a connection event for it no longer matters.
            entry.Result?.Dispose();
        }
    }

    private async ValueTask DeliverSlowlyAsync(
        WebSocketOperationEvent entry,
        CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The consumer left; nobody will read the entry, so give its buffer back.
            entry.Result?.Dispose();
        }
        catch (OperationCanceledException)
        {
            entry.Result?.Dispose();
            throw;
        }
    }
}
