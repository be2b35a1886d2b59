namespace AioGraphQL.Client;

/// <summary>
/// When a connection tries to connect again after a failure, and how long it waits first:
/// exponential back-off with jitter, capped by the options, and one credential refresh.
/// </summary>
internal sealed class WebSocketReconnectPolicy
{
    private readonly WebSocketSettings _settings;

    private readonly bool _useProvider;

    private readonly CancellationToken _lifetime;

    public WebSocketReconnectPolicy(
        WebSocketSettings settings,
        bool useProvider,
        CancellationToken lifetime)
    {
        _settings = settings;
        _useProvider = useProvider;
        _lifetime = lifetime;
    }

    /// <summary>
    /// Whether the server rejected the sub-protocol it accepted, so the rest are worth offering.
    /// </summary>
    public static bool IsProtocolRejected(
        Exception failure,
        WebSocketSession session,
        IReadOnlyList<WebSocketProtocol> offered) =>
        failure is GraphQLWebSocketException { CloseStatus: 1002 }
            && session.Accepted is not null
            && offered.Count > 1;

    /// <summary>
    /// Whether to make retry number <paramref name="retry"/> after <paramref name="failure"/>;
    /// <paramref name="refresh"/> says whether it should present a fresh credential.
    /// </summary>
    public bool ShouldRetry(
        Exception failure,
        int retry,
        bool hasOperations,
        ref bool refreshedOnce,
        out bool refresh)
    {
        refresh = false;
        if (_lifetime.IsCancellationRequested || !hasOperations)
        {
            return false;
        }

        if (failure is GraphQLWebSocketException { IsRefusal: true })
        {
            // A refused credential is worth one fresh try even without reconnect enabled,
            // as HTTP does; with reconnect on, each attempt may refresh again.
            if (!_useProvider || (refreshedOnce && !_settings.Reconnect))
            {
                return false;
            }

            refreshedOnce = true;
            refresh = true;
            return retry <= _settings.MaxReconnectAttempts;
        }

        if (!_settings.Reconnect || retry > _settings.MaxReconnectAttempts)
        {
            return false;
        }

        return failure is GraphQLWebSocketException { IsRetryable: true }
            or GraphQLTimeoutException;
    }

    /// <summary>Waits the back-off before retry number <paramref name="retry"/>.</summary>
    public async Task DelayBeforeRetryAsync(int retry, Exception failure, bool refresh)
    {
        var exponent = Math.Min(retry - 1, 20);
        var ceiling = Math.Min(
            _settings.ReconnectDelay.TotalMilliseconds * Math.Pow(2, exponent),
            _settings.MaxReconnectDelay.TotalMilliseconds);

        // Jitter within the upper half spreads out clients that lost the same server.
        var delay = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
        if (refresh && !_settings.Reconnect)
        {
            delay = TimeSpan.Zero;
        }

        WebSocketLog.ReconnectScheduled(
            _settings.Logger,
            retry,
            delay.TotalMilliseconds,
            (failure as GraphQLWebSocketException)?.CloseStatus);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _settings.TimeProvider, _lifetime).ConfigureAwait(false);
        }
    }
}
