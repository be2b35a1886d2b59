namespace AioGraphQL.Client;

/// <summary>
/// Caches a short-lived token and fetches a new one only when the cached one is within
/// <see cref="RefreshMargin"/> of expiring. However many callers wait, one fetch runs at a time,
/// and a failed fetch fails every caller that waited for it.
/// </summary>
public sealed class CachingTokenSource
{
    /// <summary>The default <see cref="RefreshMargin"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, Task<AccessToken>> _fetch;

    private readonly TimeProvider _timeProvider;

    private readonly object _gate = new();

    private AccessToken? _current;

    private TimeSpan _currentMargin;

    private Task<AccessToken>? _inFlight;

    /// <summary>Creates a token source over the caller's own fetch function.</summary>
    /// <param name="fetchToken">Obtains a new token, for example from a token endpoint.</param>
    /// <param name="refreshMargin">How long before expiry a token counts as stale.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fetchToken"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin is negative.</exception>
    public CachingTokenSource(
        Func<CancellationToken, Task<AccessToken>> fetchToken,
        TimeSpan? refreshMargin = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(fetchToken);
        var margin = refreshMargin ?? DefaultRefreshMargin;
        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero, nameof(refreshMargin));

        _fetch = fetchToken;
        RefreshMargin = margin;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// How long before its expiry a cached token is replaced. A token whose whole lifetime is
    /// shorter than twice the margin is replaced halfway through its life instead.
    /// </summary>
    /// <value>
    /// Thirty seconds unless given at construction (<see cref="DefaultRefreshMargin"/>).
    /// </value>
    public TimeSpan RefreshMargin { get; }

    /// <summary>How many times the fetch function has been started.</summary>
    public int FetchCount { get; private set; }

    /// <summary>
    /// Returns a token that is valid for longer than the margin, fetching if needed.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait; the shared fetch goes on.</param>
    /// <returns>The token text.</returns>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    /// <exception cref="Exception">Whatever the fetch function threw, to every waiter.</exception>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        Task<AccessToken> fetch;
        lock (_gate)
        {
            if (_current is { } token && IsFresh(token))
            {
                return token.Value;
            }

            fetch = _inFlight ??= StartFetch();
        }

        var fetched = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fetched.Value;
    }

    /// <summary>
    /// Replaces a token the server refused. When the cached token already differs from
    /// <paramref name="refusedToken"/>, another caller refreshed first and that token is returned.
    /// </summary>
    /// <param name="refusedToken">The token that was refused, or null to force a fetch.</param>
    /// <param name="cancellationToken">Stops this caller's wait; the shared fetch goes on.</param>
    /// <returns>The new token text.</returns>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    /// <exception cref="Exception">Whatever the fetch function threw, to every waiter.</exception>
    public async ValueTask<string> RefreshAsync(
        string? refusedToken,
        CancellationToken cancellationToken = default)
    {
        Task<AccessToken> fetch;
        lock (_gate)
        {
            if (_current is { } token && token.Value != refusedToken && IsFresh(token))
            {
                return token.Value;
            }

            _current = null;
            fetch = _inFlight ??= StartFetch();
        }

        var fetched = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fetched.Value;
    }

    /// <summary>
    /// Adapts this source to <see cref="GraphQLClientOptions.AuthorizationProvider"/>: every
    /// request gets <c>{scheme} {token}</c>, and a refused value triggers one shared refresh.
    /// </summary>
    /// <param name="scheme">The scheme before the token.</param>
    /// <returns>The provider.</returns>
    public GraphQLAuthorizationProvider AsAuthorizationProvider(string scheme = "Bearer")
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        var prefix = scheme + " ";

        return async (context, cancellationToken) =>
        {
            if (!context.IsRefresh)
            {
                return prefix + await GetTokenAsync(cancellationToken).ConfigureAwait(false);
            }

            var refused = context.RefusedValue is { } value && value.StartsWith(prefix,
                StringComparison.Ordinal) ? value[prefix.Length..] : null;
            return prefix + await RefreshAsync(refused, cancellationToken).ConfigureAwait(false);
        };
    }

    private bool IsFresh(AccessToken token) =>
        token.ExpiresAt - _timeProvider.GetUtcNow() > _currentMargin;

    private Task<AccessToken> StartFetch()
    {
        FetchCount++;
        return FetchAsync();
    }

    private async Task<AccessToken> FetchAsync()
    {
        // Yield first so the fetch never runs inside the lock held by StartFetch's caller.
        await Task.Yield();
        try
        {
            // The fetch is shared, so no single caller's token may cancel it.
            var token = await _fetch(CancellationToken.None).ConfigureAwait(false);
            var lifetime = token.ExpiresAt - _timeProvider.GetUtcNow();
            lock (_gate)
            {
                _current = token;

                // A token that lives shorter than the margin would be refetched on every call;
                // such a token is used for the first half of its life instead.
                _currentMargin = lifetime < RefreshMargin * 2 ? lifetime / 2 : RefreshMargin;
            }

            return token;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }
}
