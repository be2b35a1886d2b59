using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GraphQLParser.AST;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client;

/// <summary>
/// Sends GraphQL requests over HTTP as the GraphQL-over-HTTP specification describes: POST
/// JSON or GET query strings, the spec's media types, and any status code with a GraphQL body
/// returned as a response.
/// </summary>
internal sealed class GraphQLHttpTransport
{
    private const string AcceptValue = "application/graphql-response+json, application/json;q=0.9";

    private readonly HttpClient _httpClient;

    private readonly Uri _endpoint;

    private readonly GraphQLHeaders _defaultHeaders;

    private readonly IReadOnlyList<KeyValuePair<string, string>>? _defaultHeaderList;

    private readonly long _maxResponseBytes;

    private readonly JsonSerializerOptions _jsonOptions;

    private readonly AuthorizationCoordinator? _authorization;

    private readonly string _authorizationHeader;

    private readonly ILogger _logger;

    public GraphQLHttpTransport(
        HttpClient httpClient,
        Uri endpoint,
        GraphQLHeaders defaultHeaders,
        long maxResponseBytes,
        JsonSerializerOptions jsonOptions,
        AuthorizationCoordinator? authorization,
        string authorizationHeader,
        ILogger logger)
    {
        _httpClient = httpClient;
        _endpoint = endpoint;
        _defaultHeaders = defaultHeaders;
        _maxResponseBytes = maxResponseBytes;
        _jsonOptions = jsonOptions;
        _authorization = authorization;
        _authorizationHeader = authorizationHeader;
        _logger = logger;

        // A read-only layer merges the same way for every request, so merge it once.
        _defaultHeaderList = defaultHeaders.IsReadOnly
            ? HeaderLayers.Merge(defaultHeaders, null, null)
            : null;
    }

    /// <summary>
    /// Sends one request, retrying once with a fresh credential if it is refused.
    /// </summary>
    public Task<GraphQLResponse> SendAsync(
        GraphQLRequest request,
        GraphQLHeaders? callHeaders,
        GraphQLHttpMethod method,
        CancellationToken cancellationToken)
    {
        // The common case goes straight to the one async method that does the exchange; the
        // checks it skips cannot throw, so failures still arrive as a faulted task.
        if (method == GraphQLHttpMethod.Post && _authorization is null)
        {
            return SendOnceAsync(
                request,
                MergeHeaders(request.Headers, callHeaders),
                method,
                cancellationToken);
        }

        return SendCheckedAsync(request, callHeaders, method, cancellationToken);
    }

    private async Task<GraphQLResponse> SendCheckedAsync(
        GraphQLRequest request,
        GraphQLHeaders? callHeaders,
        GraphQLHttpMethod method,
        CancellationToken cancellationToken)
    {
        if (method == GraphQLHttpMethod.Get
            && OperationTypeReader.Read(request.Query, request.OperationName)
                != OperationType.Query)
        {
            throw new GraphQLInvalidRequestException(
                "Only queries may be sent over GET; send mutations and subscriptions over POST.");
        }

        var headers = MergeHeaders(request.Headers, callHeaders);

        var useProvider = _authorization is not null
            && !HeaderLayers.IsSetExplicitly(_authorizationHeader, request.Headers, callHeaders);
        if (!useProvider)
        {
            return await SendOnceAsync(request, headers, method, cancellationToken)
                .ConfigureAwait(false);
        }

        // The provider exists whenever useProvider is true.
        var authorization = _authorization!;
        var credential = await authorization
            .GetAsync(GraphQLAuthorizationContext.HttpRequest, cancellationToken)
            .ConfigureAwait(false);

        var refusedStatus = 0;
        try
        {
            var response = await SendOnceAsync(
                request,
                WithCredential(headers, credential.Value),
                method,
                cancellationToken).ConfigureAwait(false);
            if (!IsRefusal(response))
            {
                return response;
            }

            refusedStatus = (int)(response.StatusCode ?? 0);
            response.Dispose();
        }
        catch (GraphQLHttpException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
        {
            refusedStatus = (int)HttpStatusCode.Unauthorized;
        }

        Log.CredentialRefused(_logger, refusedStatus);
        AuthorizationCoordinator.Credential fresh;
        try
        {
            fresh = await authorization.RefreshAsync(credential, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CredentialRefreshFailed(_logger, ex.GetType().Name);
            throw;
        }

        return await SendOnceAsync(
            request,
            WithCredential(headers, fresh.Value),
            method,
            cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<KeyValuePair<string, string>> MergeHeaders(
        GraphQLHeaders? request,
        GraphQLHeaders? call)
    {
        if (_defaultHeaderList is not null
            && (request is null || request.Count == 0)
            && (call is null || call.Count == 0))
        {
            return _defaultHeaderList;
        }

        return HeaderLayers.Merge(_defaultHeaders, request, call);
    }

    private static bool IsRefusal(GraphQLResponse response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return true;
        }

        // A 200 that executed part of the operation is not retried: a mutation would run twice.
        if (response.Data.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return false;
        }

        foreach (var error in response.Errors)
        {
            if (error.Code == "UNAUTHENTICATED")
            {
                return true;
            }
        }

        return false;
    }

    private List<KeyValuePair<string, string>> WithCredential(
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string? value)
    {
        var result = new List<KeyValuePair<string, string>>(headers.Count + 1);
        foreach (var header in headers)
        {
            if (!header.Key.Equals(_authorizationHeader, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(header);
            }
        }

        if (value is not null)
        {
            HeaderValidation.ThrowIfInvalid(_authorizationHeader, value);
            result.Add(new KeyValuePair<string, string>(_authorizationHeader, value));
        }

        return result;
    }

    private async Task<GraphQLResponse> SendOnceAsync(
        GraphQLRequest request,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        GraphQLHttpMethod method,
        CancellationToken cancellationToken)
    {
        using var message = BuildMessage(request, headers, method);
        Log.HttpRequestStarting(_logger, message.Method.Method, request.OperationName);
        var started = Stopwatch.GetTimestamp();

        HttpResponseMessage response;
        try
        {
            response = await _httpClient
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            Log.HttpExchangeFailed(_logger, GraphQLHttpFailure.ConnectionFailed, null);
            throw new GraphQLHttpException(
                GraphQLHttpFailure.ConnectionFailed,
                $"The request to {Redaction.DescribeEndpoint(_endpoint)} failed before a response arrived: "
                    + ex.HttpRequestError + ".",
                innerException: ex);
        }

        using (response)
        {
            try
            {
                var result = await ResponseBodyReader
                    .ReadBodyAsync(response, _maxResponseBytes, headers, cancellationToken)
                    .ConfigureAwait(false);
                Log.HttpResponseReceived(
                    _logger,
                    (int)response.StatusCode,
                    result.BodyLength,
                    result.Errors.Count,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return result;
            }
            catch (GraphQLHttpException ex)
            {
                Log.HttpExchangeFailed(_logger, ex.Failure, (int?)ex.StatusCode);
                throw;
            }
        }
    }

    private HttpRequestMessage BuildMessage(
        GraphQLRequest request,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        GraphQLHttpMethod method)
    {
        HttpRequestMessage message;
        if (method == GraphQLHttpMethod.Get)
        {
            message = new HttpRequestMessage(
                HttpMethod.Get,
                GraphQLRequestWriter.BuildGetUri(_endpoint, request, _jsonOptions));
        }
        else
        {
            message = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = new PooledJsonContent(
                    GraphQLRequestWriter.WriteBody(request, _jsonOptions)),
            };
        }

        message.Headers.TryAddWithoutValidation("Accept", AcceptValue);

        // Indexing, because foreach over the interface would allocate an enumerator.
        for (var i = 0; i < headers.Count; i++)
        {
            var (name, value) = headers[i];

            // A user's Accept replaces ours.
            if (name.Equals("Accept", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Remove("Accept");
            }

            if (message.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Content headers such as Content-Type belong to the body, which a GET has none of;
            // the body's length is computed, never taken from a header layer.
            if (message.Content is { } content
                && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
