namespace AioGraphQL.Client;

/// <content>Subscriptions over WebSocket.</content>
public sealed partial class GraphQLClient
{
    /// <summary>
    /// How many WebSockets the client keeps open or opening now; for diagnostics.
    /// </summary>
    internal int WebSocketConnectionCount => _webSocket.ConnectionCount;

    /// <summary>
    /// Runs a subscription given as document text and streams its results.
    /// </summary>
    /// <param name="request">The GraphQL document.</param>
    /// <param name="headers">Headers for this call only, over every other layer.</param>
    /// <param name="operationName">Which operation of the document to run.</param>
    /// <param name="variables">Variable values.</param>
    /// <param name="cancellationToken">Stops the subscription.</param>
    /// <returns>The results; see the <see cref="GraphQLRequest"/> overload.</returns>
    /// <exception cref="ArgumentException">The document is empty.</exception>
    public IAsyncEnumerable<GraphQLResponse> SubscribeAsync(
        string request,
        GraphQLHeaders? headers = null,
        string? operationName = null,
        IReadOnlyDictionary<string, object?>? variables = null,
        CancellationToken cancellationToken = default) =>
        SubscribeAsync(
            new GraphQLRequest(request, variables, operationName),
            headers,
            cancellationToken);

    /// <summary>
    /// Runs a subscription over WebSocket and streams its results: one response per result, in
    /// order, until the server completes the operation. Nothing runs until enumeration starts.
    /// </summary>
    /// <remarks>
    /// <para>Operations whose merged headers are the same share one socket; the headers are the
    /// <c>connection_init</c> payload (and go on the upgrade request). Leaving the loop early
    /// or cancelling tells the server to stop the operation.</para>
    /// <para>Each response is yours to dispose; one left undisposed is reclaimed by the GC
    /// without returning its pooled buffer. Results wait in an unbounded queue for a slow
    /// consumer unless <see cref="GraphQLWebSocketOptions.MaxBufferedResults"/> bounds it;
    /// none is ever dropped.</para>
    /// </remarks>
    /// <param name="request">The request; never changed by the client.</param>
    /// <param name="headers">Headers for this call only, over every other layer.</param>
    /// <param name="cancellationToken">Stops the subscription.</param>
    /// <returns>The results, as they arrive.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="GraphQLResponseException">
    /// While enumerating: the server ended the operation with an error.
    /// </exception>
    /// <exception cref="GraphQLWebSocketException">
    /// While enumerating: the socket closed, or the server refused the connection.
    /// </exception>
    /// <exception cref="GraphQLProtocolException">
    /// While enumerating: the server sent a message the protocol does not allow.
    /// </exception>
    /// <exception cref="GraphQLTimeoutException">
    /// While enumerating: no acknowledgement, pong or keep-alive came in time.
    /// </exception>
    /// <exception cref="OperationCanceledException">While enumerating: the caller
    /// cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public IAsyncEnumerable<GraphQLResponse> SubscribeAsync(
        GraphQLRequest request,
        GraphQLHeaders? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        return _webSocket.SubscribeAsync(request, headers?.ToReadOnly(), cancellationToken);
    }

    /// <summary>
    /// Starts a subscription whose results and events go to the callbacks of
    /// <paramref name="handler"/>; returns at once with a handle to wait on or stop it.
    /// </summary>
    /// <param name="request">The request; never changed by the client.</param>
    /// <param name="handler">The callbacks; the subscription keeps the object.</param>
    /// <param name="headers">Headers for this call only, over every other layer.</param>
    /// <param name="cancellationToken">Stops the subscription.</param>
    /// <returns>The running subscription.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public GraphQLSubscription Subscribe(
        GraphQLRequest request,
        GraphQLSubscriptionHandler handler,
        GraphQLHeaders? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        return _webSocket.Subscribe(request, handler, headers?.ToReadOnly(), cancellationToken);
    }

    /// <summary>
    /// Starts a subscription with callbacks for its results, failure and completion, in the
    /// style of aiographql-client; see <see cref="GraphQLSubscriptionHandler"/>.
    /// </summary>
    /// <param name="request">The request; never changed by the client.</param>
    /// <param name="onData">Receives each result; the response is disposed when it returns.</param>
    /// <param name="onError">Told why the subscription failed.</param>
    /// <param name="onComplete">Called when the operation completes or is unsubscribed.</param>
    /// <param name="headers">Headers for this call only, over every other layer.</param>
    /// <param name="cancellationToken">Stops the subscription.</param>
    /// <returns>The running subscription.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public GraphQLSubscription Subscribe(
        GraphQLRequest request,
        Func<GraphQLResponse, ValueTask> onData,
        Func<Exception, ValueTask>? onError = null,
        Func<ValueTask>? onComplete = null,
        GraphQLHeaders? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onData);

        var handler = new GraphQLSubscriptionHandler
        {
            OnData = onData,
            OnError = onError,
            OnComplete = onComplete,
        };
        return Subscribe(request, handler, headers, cancellationToken);
    }
}
