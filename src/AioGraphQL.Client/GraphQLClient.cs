using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AioGraphQL.Client;

/// <summary>
/// An asynchronous GraphQL client: queries and mutations over HTTP, subscriptions over
/// WebSocket. Thread-safe; make one per endpoint and share it.
/// </summary>
/// <remarks>
/// Headers come in three layers, later winning: the client's defaults, a request's own
/// <see cref="GraphQLRequest.Headers"/>, and the <c>headers</c> of one call. A layer never
/// changes another.
/// </remarks>
public sealed partial class GraphQLClient : IAsyncDisposable, IDisposable
{
    private readonly HttpClient _httpClient;

    private readonly bool _ownsHttpClient;

    private readonly GraphQLHttpTransport _http;

    private readonly GraphQLWebSocketTransport _webSocket;

    private readonly TimeSpan _timeout;

    private readonly GraphQLHttpMethod _defaultMethod;

    private readonly TimeProvider _timeProvider;

    private readonly CallScope _callScope;

    private readonly ILogger _logger;

    private int _disposed;

    /// <summary>Creates a client for <paramref name="endpoint"/> with default headers.</summary>
    /// <param name="endpoint">The GraphQL endpoint URL (http or https).</param>
    /// <param name="headers">Headers sent with every request, such as an Authorization.</param>
    /// <param name="httpClient">
    /// An <see cref="HttpClient"/> to send with, for example one whose handler holds a cookie
    /// session. The client never disposes an <see cref="HttpClient"/> it did not create.
    /// </param>
    /// <param name="logger">Where to log; nothing is logged when omitted.</param>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) URL.</exception>
    public GraphQLClient(
        string endpoint,
        GraphQLHeaders? headers = null,
        HttpClient? httpClient = null,
        ILogger<GraphQLClient>? logger = null)
        : this(
            new GraphQLClientOptions
            {
                Endpoint = ParseEndpoint(endpoint),
                Headers = headers ?? new GraphQLHeaders(),
            },
            httpClient,
            logger)
    {
    }

    /// <summary>Creates a client from options.</summary>
    /// <param name="options">The settings; read now, later changes have no effect.</param>
    /// <param name="httpClient">
    /// An <see cref="HttpClient"/> to send with; never disposed here.
    /// </param>
    /// <param name="logger">Where to log; nothing is logged when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are incomplete or out of range.</exception>
    public GraphQLClient(
        GraphQLClientOptions options,
        HttpClient? httpClient = null,
        ILogger<GraphQLClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint
            ?? throw new ArgumentException(
                "GraphQLClientOptions.Endpoint is required.",
                nameof(options));
        if (!endpoint.IsAbsoluteUri || !IsHttp(endpoint))
        {
            throw new ArgumentException("The endpoint must be an absolute http or https URL.",
                nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Timeout must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResponseBytes, 1, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.AuthorizationHeaderName, nameof(options));

        Endpoint = endpoint;
        DefaultHeaders = (options.Headers ?? new GraphQLHeaders()).ToReadOnly();
        _timeout = options.Timeout;
        _defaultMethod = options.DefaultMethod;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;

        _ownsHttpClient = httpClient is null;

        _httpClient = httpClient ?? CreateHttpClient();
        _callScope = new CallScope(
            _timeProvider,
            _logger,
            _httpClient,
            () => Volatile.Read(ref _disposed) != 0);

        var jsonOptions = options.JsonSerializerOptions ?? GraphQLJson.WebOptions;
        var authorization = options.AuthorizationProvider is { } provider
            ? new AuthorizationCoordinator(provider)
            : null;
        _http = new GraphQLHttpTransport(
            _httpClient,
            endpoint,
            DefaultHeaders,
            options.MaxResponseBytes,
            jsonOptions,
            authorization,
            options.AuthorizationHeaderName,
            _logger);
        _webSocket = new GraphQLWebSocketTransport(
            new WebSocketSettings(
                options.WebSocket ?? new GraphQLWebSocketOptions(),
                endpoint,
                httpClient,
                authorization,
                options.AuthorizationHeaderName,
                jsonOptions,
                _timeProvider,
                _logger),
            DefaultHeaders);
    }

    /// <summary>The GraphQL endpoint this client sends to.</summary>
    public Uri Endpoint { get; }

    /// <summary>The client's default headers: the first layer, read-only.</summary>
    public GraphQLHeaders DefaultHeaders { get; }

    /// <summary>Runs a query or mutation given as document text.</summary>
    /// <param name="request">The GraphQL document.</param>
    /// <param name="headers">Headers for this call only, over every other layer.</param>
    /// <param name="operationName">Which operation of the document to run.</param>
    /// <param name="variables">Variable values.</param>
    /// <param name="method">POST or GET; the client's default when omitted.</param>
    /// <param name="timeout">This call's time limit; the client's when omitted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, whose errors are data; dispose it when done.</returns>
    /// <exception cref="ArgumentException">The document is empty.</exception>
    /// <exception cref="GraphQLHttpException">No GraphQL response came back.</exception>
    /// <exception cref="GraphQLInvalidRequestException">A mutation was sent over GET.</exception>
    /// <exception cref="GraphQLTimeoutException">The time limit ran out.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public Task<GraphQLResponse> QueryAsync(
        string request,
        GraphQLHeaders? headers = null,
        string? operationName = null,
        IReadOnlyDictionary<string, object?>? variables = null,
        GraphQLHttpMethod? method = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        QueryAsync(
            new GraphQLRequest(request),
            headers,
            operationName,
            variables,
            method,
            timeout,
            cancellationToken);

    /// <summary>Runs a query or mutation.</summary>
    /// <param name="request">The request; never changed by the client.</param>
    /// <param name="headers">Headers for this call only, over every other layer.</param>
    /// <param name="operationName">Replaces the request's operation name for this call.</param>
    /// <param name="variables">Replaces the request's variables for this call.</param>
    /// <param name="method">POST or GET; the client's default when omitted.</param>
    /// <param name="timeout">This call's time limit; the client's when omitted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response, whose errors are data; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="GraphQLHttpException">No GraphQL response came back.</exception>
    /// <exception cref="GraphQLInvalidRequestException">A mutation was sent over GET.</exception>
    /// <exception cref="GraphQLTimeoutException">The time limit ran out.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public Task<GraphQLResponse> QueryAsync(
        GraphQLRequest request,
        GraphQLHeaders? headers = null,
        string? operationName = null,
        IReadOnlyDictionary<string, object?>? variables = null,
        GraphQLHttpMethod? method = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var effective = request;
        if (operationName is not null || variables is not null)
        {
            effective = request with
            {
                OperationName = operationName ?? request.OperationName,
                Variables = variables ?? request.Variables,
            };
        }

        var limit = timeout ?? _timeout;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
        }

        // The inputs travel as state to a static lambda: a closure would cost two objects a call.
        var call = (
            Transport: _http,
            Request: effective,
            Headers: headers?.ToReadOnly(),
            Method: method ?? _defaultMethod);
        return CallTimeout.RunAsync(
            static (call, token) => call.Transport.SendAsync(
                call.Request,
                call.Headers,
                call.Method,
                token),
            call,
            limit,
            _callScope,
            "GraphQL request",
            cancellationToken);
    }

    /// <summary>Runs a query or mutation as a POST with a JSON body.</summary>
    /// <param name="request">The request.</param>
    /// <param name="headers">Headers for this call only.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; dispose it when done.</returns>
    /// <exception cref="GraphQLHttpException">No GraphQL response came back.</exception>
    /// <exception cref="GraphQLTimeoutException">The time limit ran out.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public Task<GraphQLResponse> PostAsync(
        GraphQLRequest request,
        GraphQLHeaders? headers = null,
        CancellationToken cancellationToken = default) =>
        QueryAsync(request, headers, method: GraphQLHttpMethod.Post,
            cancellationToken: cancellationToken);

    /// <summary>Runs a query as a GET; mutations are refused before anything is sent.</summary>
    /// <param name="request">The request; its operation must be a query.</param>
    /// <param name="headers">Headers for this call only.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; dispose it when done.</returns>
    /// <exception cref="GraphQLInvalidRequestException">The operation is not a query.</exception>
    /// <exception cref="GraphQLHttpException">No GraphQL response came back.</exception>
    /// <exception cref="GraphQLTimeoutException">The time limit ran out.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public Task<GraphQLResponse> GetAsync(
        GraphQLRequest request,
        GraphQLHeaders? headers = null,
        CancellationToken cancellationToken = default) =>
        QueryAsync(request, headers, method: GraphQLHttpMethod.Get,
            cancellationToken: cancellationToken);

    /// <summary>Closes subscriptions and releases what the client created.</summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _webSocket.DisposeAsync().ConfigureAwait(false);
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>Closes subscriptions and releases what the client created.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static HttpClient CreateHttpClient()
    {
        // Redirects are not followed: HttpClient would carry API keys and cookies to whatever
        // origin a redirect names. Our own timeout governs, so the HttpClient's must not race it.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static bool IsHttp(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static Uri ParseEndpoint(string endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !IsHttp(uri))
        {
            throw new ArgumentException(
                "The endpoint must be an absolute http or https URL.",
                nameof(endpoint));
        }

        return uri;
    }
}
