namespace AioGraphQL.DemoServer.Schema;

/// <summary>
/// Presents an async sequence as the observable GraphQL.NET expects for a subscription field.
/// Each subscriber gets its own run of the sequence, which is cancelled on unsubscribe.
/// </summary>
internal sealed class AsyncEnumerableObservable : IObservable<object?>
{
    private readonly Func<CancellationToken, IAsyncEnumerable<object?>> _source;

    /// <summary>Wraps a sequence factory.</summary>
    /// <param name="source">Starts one run of the sequence; it must honour the token.</param>
    public AsyncEnumerableObservable(Func<CancellationToken, IAsyncEnumerable<object?>> source)
    {
        _source = source;
    }

    /// <inheritdoc/>
    public IDisposable Subscribe(IObserver<object?> observer)
    {
        // The source is never disposed: it has no timer or wait handle, so cancelling is all
        // the clean-up it needs, and disposing could race with a late Cancel.
        var unsubscribed = new CancellationTokenSource();

        // Task.Run keeps the first events from being pushed while Subscribe has not returned.
        _ = Task.Run(() => PumpAsync(observer, unsubscribed.Token), CancellationToken.None);
        return new ActionDisposable(unsubscribed.Cancel);
    }

    private async Task PumpAsync(IObserver<object?> observer, CancellationToken cancellationToken)
    {
        try
        {
            var items = _source(cancellationToken).WithCancellation(cancellationToken);
            await foreach (var item in items)
            {
                observer.OnNext(item);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The subscriber left; it wants no further signal, not even completion.
            return;
        }
        catch (Exception exception)
        {
            observer.OnError(exception);
            return;
        }

        observer.OnCompleted();
    }
}
