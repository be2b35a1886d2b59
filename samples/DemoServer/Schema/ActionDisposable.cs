namespace AioGraphQL.DemoServer.Schema;

/// <summary>Runs an action the first time it is disposed, and never again.</summary>
internal sealed class ActionDisposable : IDisposable
{
    private Action? _action;

    /// <summary>Creates a disposable that will run the action.</summary>
    public ActionDisposable(Action action)
    {
        _action = action;
    }

    /// <inheritdoc/>
    public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
}
