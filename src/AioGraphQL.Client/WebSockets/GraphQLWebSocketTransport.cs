using System.Runtime.CompilerServices;
using System.Text;

namespace AioGraphQL.Client;

/// <summary>
/// Runs subscriptions over WebSockets: finds or opens the connection for an operation's
/// identity, and turns the operation's queue into a stream or a callback subscription.
/// </summary>
internal sealed class GraphQLWebSocketTransport : IAsyncDisposable
{
    private readonly WebSocketSettings _settings;

    private readonly GraphQLHeaders _defaultHeaders;

    private readonly Dictionary<string, WebSocketConnection> _connections =
        new(StringComparer.Ordinal);

    private readonly object _gate = new();

    private IReadOnlyList<WebSocketProtocol> _offered;

    private long _nextId;

    private bool _disposed;

    public GraphQLWebSocketTransport(WebSocketSettings settings, GraphQLHeaders defaultHeaders)
    {
        _settings = settings;
        _defaultHeaders = defaultHeaders;
        _offered = settings.Protocols;
    }

    /// <summary>
    /// The sub-protocols to offer now: the configured ones less any a server of this
    /// endpoint accepted and then rejected.
    /// </summary>
    public IReadOnlyList<WebSocketProtocol> OfferedProtocols => Volatile.Read(ref _offered);

    /// <summary>The sockets currently kept, one per identity; for tests.</summary>
    internal int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Streams the results of one operation; see the client's SubscribeAsync.</summary>
    public async IAsyncEnumerable<GraphQLResponse> SubscribeAsync(
        GraphQLRequest request,
        GraphQLHeaders? callHeaders,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (connection, operation) = Register(request, callHeaders, wantsEvents: false);
        try
        {
            await connection.StartAsync(operation, cancellationToken).ConfigureAwait(false);

            var reader = operation.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var entry))
                {
                    if (entry.Result is not { } result)
                    {
                        continue;
                    }

                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Results already queued are not handed out after cancellation.
                        result.Dispose();
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    yield return result.ToResponse();
                }
            }

            operation.ThrowIfFailed();
        }
        finally
        {
            await connection.StopAsync(operation).ConfigureAwait(false);
        }
    }

    /// <summary>Starts a callback subscription; see the client's Subscribe.</summary>
    public GraphQLSubscription Subscribe(
        GraphQLRequest request,
        GraphQLSubscriptionHandler handler,
        GraphQLHeaders? callHeaders,
        CancellationToken cancellationToken)
    {
        var (connection, operation) = Register(request, callHeaders, wantsEvents: true);
        return new GraphQLSubscription(connection, operation, handler, _settings.Logger,
            cancellationToken);
    }

    /// <summary>Stops offering <paramref name="protocol"/>; returns what is offered now.</summary>
    public IReadOnlyList<WebSocketProtocol> MarkRejected(WebSocketProtocol protocol)
    {
        lock (_gate)
        {
            if (_offered.Count > 1 && _offered.Contains(protocol))
            {
                _offered = _offered.Where(p => p != protocol).ToArray();
            }

            return _offered;
        }
    }

    /// <summary>Forgets a connection that closed for being idle.</summary>
    public void Remove(WebSocketConnection connection)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connection.Key, out var current)
                && ReferenceEquals(current, connection))
            {
                _connections.Remove(connection.Key);
            }
        }
    }

    /// <summary>
    /// Stops every operation and closes every socket, each within the close timeout.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        WebSocketConnection[] connections;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _connections.Values];
            _connections.Clear();
        }

        var closing = new Task[connections.Length];
        for (var i = 0; i < connections.Length; i++)
        {
            closing[i] = connections[i].ShutdownAsync(
                new ObjectDisposedException(nameof(GraphQLClient)));
        }

        await Task.WhenAll(closing).ConfigureAwait(false);
    }

    private (WebSocketConnection Connection, WebSocketOperation Operation) Register(
        GraphQLRequest request,
        GraphQLHeaders? callHeaders,
        bool wantsEvents)
    {
        var headers = HeaderLayers.Merge(_defaultHeaders, request.Headers, callHeaders);
        var useProvider = _settings.Authorization is not null
            && !HeaderLayers.IsSetExplicitly(
                _settings.AuthorizationHeader,
                request.Headers,
                callHeaders);
        var key = IdentityKey(headers, useProvider);
        var operation = new WebSocketOperation(
            Interlocked.Increment(ref _nextId),
            request,
            wantsEvents,
            _settings.MaxBufferedResults);

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(GraphQLClient));
            while (true)
            {
                if (!_connections.TryGetValue(key, out var connection))
                {
                    connection = new WebSocketConnection(
                        _settings,
                        this,
                        key,
                        headers,
                        useProvider);
                    _connections[key] = connection;
                }

                if (connection.TryAdd(operation))
                {
                    return (connection, operation);
                }

                // Retired while idle-closing: the next round makes a fresh one.
                _connections.Remove(key);
            }
        }
    }

    /// <summary>
    /// The identity of a connection: the exact headers that make up its payload and upgrade,
    /// spelling included, and whether the provider adds its value. Kept in memory only.
    /// </summary>
    private static string IdentityKey(
        List<KeyValuePair<string, string>> headers,
        bool useProvider)
    {
        var sorted = headers.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        var builder = new StringBuilder(useProvider ? "p\n" : "-\n");
        foreach (var (name, value) in sorted)
        {
            builder.Append(name).Append('\0').Append(value).Append('\n');
        }

        return builder.ToString();
    }
}
