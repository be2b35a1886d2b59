namespace AioGraphQL.Client;

/// <summary>
/// The callbacks of a subscription started with <see cref="GraphQLClient.Subscribe(
/// GraphQLRequest, GraphQLSubscriptionHandler, GraphQLHeaders?, CancellationToken)"/>. The
/// callbacks of one subscription run one at a time, in the order things happened, each
/// awaited before the next; any may be left unset.
/// </summary>
/// <remarks>
/// An exception thrown by a callback is logged, ends the subscription, and is reported to
/// <see cref="OnError"/> (unless <see cref="OnError"/> threw it) and through
/// <see cref="GraphQLSubscription.Completion"/>.
/// </remarks>
public sealed class GraphQLSubscriptionHandler
{
    /// <summary>
    /// Receives each result. The response is disposed when the callback returns, so copy what
    /// must outlive it (for example with <see cref="GraphQLResponse.GetData{T}(
    /// System.Text.Json.Serialization.Metadata.JsonTypeInfo{T})"/>).
    /// </summary>
    /// <value><see langword="null"/>: results are dropped unread.</value>
    public Func<GraphQLResponse, ValueTask>? OnData { get; set; }

    /// <summary>
    /// Told why the subscription failed: a <see cref="GraphQLResponseException"/> for an
    /// operation error, a <see cref="GraphQLWebSocketException"/> for a lost socket, a
    /// <see cref="GraphQLTimeoutException"/>, or what another callback threw.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public Func<Exception, ValueTask>? OnError { get; set; }

    /// <summary>
    /// Called once when the server completes the operation or the caller unsubscribes.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public Func<ValueTask>? OnComplete { get; set; }

    /// <summary>
    /// Called when the socket is acknowledged: on the first connect and each reconnect.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public Func<ValueTask>? OnConnectionAck { get; set; }

    /// <summary>
    /// Called for each keep-alive message: a server ping, a pong, or a legacy ka.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public Func<GraphQLKeepAliveKind, ValueTask>? OnKeepAlive { get; set; }

    /// <summary>
    /// Called when the socket closes unexpectedly, before any reconnect; a reconnect that
    /// succeeds is followed by <see cref="OnConnectionAck"/>.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public Func<GraphQLWebSocketException, ValueTask>? OnClose { get; set; }
}
