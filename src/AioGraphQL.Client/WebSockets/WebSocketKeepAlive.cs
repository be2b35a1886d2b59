using System.Net.WebSockets;

namespace AioGraphQL.Client;

/// <summary>
/// The keep-alive timers of one session: the client's ping with its pong timeout, and the
/// watchdog that gives up on a server whose keep-alive messages stop coming.
/// </summary>
internal sealed class WebSocketKeepAlive : IDisposable
{
    private readonly WebSocketSettings _settings;

    private readonly WebSocketSession _session;

    private ITimer? _pingTimer;

    private ITimer? _pongTimer;

    private ITimer? _keepAliveTimer;

    private int _awaitingPong;

    public WebSocketKeepAlive(WebSocketSettings settings, WebSocketSession session)
    {
        _settings = settings;
        _session = session;
    }

    /// <summary>
    /// Starts pinging every ping interval, when one is set and the protocol has client pings.
    /// </summary>
    public void StartPinging(WebSocketProtocol protocol)
    {
        if (_settings.PingInterval is not { } interval || !protocol.SupportsClientPing)
        {
            return;
        }

        _pongTimer = _settings.TimeProvider.CreateTimer(
            static state => ((WebSocketKeepAlive)state!).OnPongOverdue(),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _pingTimer = _settings.TimeProvider.CreateTimer(
            static state => _ = ((WebSocketKeepAlive)state!).PingAsync(),
            this,
            interval,
            interval);
    }

    /// <summary>Stops the pong timeout: the server answered.</summary>
    public void OnPong()
    {
        Interlocked.Exchange(ref _awaitingPong, 0);
        _pongTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Restarts the keep-alive watchdog, when a keep-alive timeout is set.</summary>
    public void ArmWatchdog()
    {
        if (_settings.KeepAliveTimeout is not { } limit)
        {
            return;
        }

        if (_keepAliveTimer is null)
        {
            _keepAliveTimer = _settings.TimeProvider.CreateTimer(
                static state => ((WebSocketKeepAlive)state!).OnKeepAliveOverdue(),
                this,
                limit,
                Timeout.InfiniteTimeSpan);
            return;
        }

        _keepAliveTimer.Change(limit, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _pingTimer?.Dispose();
        _pongTimer?.Dispose();
        _keepAliveTimer?.Dispose();
    }

    private async Task PingAsync()
    {
        if (Interlocked.Exchange(ref _awaitingPong, 1) == 0)
        {
            _pongTimer?.Change(_settings.PongTimeout, Timeout.InfiniteTimeSpan);
        }

        try
        {
            await _session.SendAsync(WebSocketOutgoingMessage.Ping, null, _session.LifetimeToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException
            or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The socket is going away; its receive loop reports why.
            WebSocketLog.CloseIncomplete(_settings.Logger, ex.GetType().Name);
        }
    }

    private void OnPongOverdue()
    {
        WebSocketLog.PongTimedOut(_settings.Logger, _settings.PongTimeout.TotalMilliseconds);
        _session.Fail(new GraphQLTimeoutException(
            _settings.PongTimeout,
            "The server did not answer a ping within "
                + $"{_settings.PongTimeout.TotalSeconds:0.###} s."));
    }

    private void OnKeepAliveOverdue()
    {
        // The watchdog only runs while the receive loop does; checking avoids a late timer
        // blaming a socket that closed for another reason.
        if (_session.Ended.IsCompleted)
        {
            return;
        }

        var limit = _settings.KeepAliveTimeout ?? TimeSpan.Zero;
        WebSocketLog.KeepAliveTimedOut(_settings.Logger, limit.TotalMilliseconds);
        _session.Fail(new GraphQLTimeoutException(
            limit,
            $"The server sent no keep-alive within {limit.TotalSeconds:0.###} s."));
    }
}
