using System.Globalization;

namespace AioGraphQL.DemoServer.Schema;

/// <summary>
/// Delivers every added message to every current subscriber, whichever client added it.
/// </summary>
internal sealed class MessageBus : IObservable<DemoMessage>
{
    private readonly Lock _gate = new();

    private IObserver<DemoMessage>[] _observers = [];

    private int _lastId;

    /// <summary>Creates a message with the next id and delivers it to all subscribers.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The message as delivered.</returns>
    public DemoMessage Add(string text)
    {
        var id = Interlocked.Increment(ref _lastId);
        var message = new DemoMessage(id.ToString(CultureInfo.InvariantCulture), text);

        // Reading the array reference once gives a stable snapshot even while others subscribe.
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnNext(message);
        }

        return message;
    }

    /// <inheritdoc/>
    public IDisposable Subscribe(IObserver<DemoMessage> observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new ActionDisposable(() => Unsubscribe(observer));
    }

    private void Unsubscribe(IObserver<DemoMessage> observer)
    {
        lock (_gate)
        {
            _observers = Array.FindAll(
                _observers,
                candidate => !ReferenceEquals(candidate, observer));
        }
    }
}
