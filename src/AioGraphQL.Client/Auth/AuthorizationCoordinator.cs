namespace AioGraphQL.Client;

/// <summary>
/// Asks the user's <see cref="GraphQLAuthorizationProvider"/> for a header value per request
/// and, when the server refuses one, runs a single shared refresh for every request that was
/// sent before it started.
/// </summary>
internal sealed class AuthorizationCoordinator
{
    private readonly GraphQLAuthorizationProvider _provider;

    private readonly object _gate = new();

    private long _generation;

    private Refresh? _refresh;

    public AuthorizationCoordinator(GraphQLAuthorizationProvider provider)
    {
        _provider = provider;
    }

    /// <summary>Asks the provider for the value to send now, noting when it was asked.</summary>
    public async ValueTask<Credential> GetAsync(
        GraphQLAuthorizationContext context,
        CancellationToken cancellationToken)
    {
        long generation;
        lock (_gate)
        {
            generation = _generation;
        }

        var value = await _provider(context, cancellationToken).ConfigureAwait(false);
        return new Credential(value, generation);
    }

    /// <summary>
    /// Returns a fresh value after <paramref name="refused"/> was refused. Requests that got
    /// their value before a refresh started join that refresh, failed or not, so a burst of
    /// refusals costs one call to the provider and never retries with the old value.
    /// </summary>
    public async Task<Credential> RefreshAsync(
        Credential refused,
        CancellationToken cancellationToken)
    {
        Refresh refresh;
        lock (_gate)
        {
            if (_refresh is { } current && current.Generation > refused.Generation)
            {
                refresh = current;
            }
            else
            {
                _generation++;
                refresh = new Refresh(_generation, RunRefreshAsync(refused.Value));
                _refresh = refresh;
            }
        }

        var value = await refresh.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Credential(value, refresh.Generation);
    }

    private async Task<string?> RunRefreshAsync(string? refusedValue)
    {
        // Leave the lock before user code runs; the refresh is shared, so it is not cancelled
        // by any one caller.
        await Task.Yield();
        var context = new GraphQLAuthorizationContext(
            GraphQLAuthorizationTrigger.Refused,
            refusedValue);
        return await _provider(context, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A value from the provider and the refresh generation it belongs to.</summary>
    internal readonly record struct Credential(string? Value, long Generation);

    private sealed record Refresh(long Generation, Task<string?> Task);
}
