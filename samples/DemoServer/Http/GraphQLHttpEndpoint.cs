using System.Text.Json;
using AioGraphQL.DemoServer.Auth;
using AioGraphQL.DemoServer.Execution;
using AioGraphQL.DemoServer.Schema;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AioGraphQL.DemoServer.Http;

/// <summary>
/// Serves GraphQL over HTTP GET and POST following the GraphQL-over-HTTP specification, with
/// authentication checked on every request.
/// </summary>
internal sealed class GraphQLHttpEndpoint
{
    private readonly GraphQLRuntime _runtime;

    private readonly Authenticator _authenticator;

    /// <summary>Creates the endpoint.</summary>
    public GraphQLHttpEndpoint(GraphQLRuntime runtime, Authenticator authenticator)
    {
        _runtime = runtime;
        _authenticator = authenticator;
    }

    /// <summary>Answers one HTTP request.</summary>
    /// <param name="context">The request and its response.</param>
    /// <param name="rejectedStatusCode">
    /// The status for a presented credential that is wrong or expired: 401 normally, 200 for
    /// the endpoint that imitates servers reporting authentication failures in the body only.
    /// </param>
    public async Task HandleAsync(HttpContext context, int rejectedStatusCode)
    {
        var format = ResponseFormat.Negotiate(context.Request);
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (!isGet && !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(
                context,
                format,
                StatusCodes.Status405MethodNotAllowed,
                "Only GET and POST are supported.",
                "METHOD_NOT_ALLOWED");
            return;
        }

        var headers = RequestHeaders.From(context.Request.Headers);
        var auth = _authenticator.Authenticate(PresentedCredentials.From(headers));
        if (auth.Viewer is not { } viewer)
        {
            if (rejectedStatusCode == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await WriteErrorAsync(
                context,
                format,
                rejectedStatusCode,
                auth.FailureMessage!, // A result without a viewer always has a failure message.
                DemoErrors.UnauthenticatedCode);
            return;
        }

        var (request, error) = isGet
            ? ReadGet(context.Request)
            : await ReadPostAsync(context.Request);
        if (request is null)
        {
            await WriteErrorAsync(context, format, error.StatusCode, error.Message, error.Code);
            return;
        }

        var userContext = new DemoUserContext(viewer, headers);
        await ExecuteAsync(context, format, request, userContext, isGet);
    }

    private async Task ExecuteAsync(
        HttpContext context,
        ResponseFormat format,
        GraphQLRequestBody request,
        DemoUserContext userContext,
        bool isGet)
    {
        var rule = isGet ? TransportOperationRule.HttpGet : TransportOperationRule.HttpPost;
        ExecutionResult result;
        try
        {
            result = await _runtime.ExecuteAsync(
                request,
                userContext,
                rule,
                context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return;
        }

        var statusCode = StatusCodes.Status200OK;
        if (HasErrorCode(result, TransportOperationRule.MutationOverGetCode))
        {
            context.Response.Headers.Allow = "POST";
            statusCode = StatusCodes.Status405MethodNotAllowed;
        }
        else if (!result.Executed && format.UsesErrorStatusCodes)
        {
            statusCode = StatusCodes.Status400BadRequest;
        }

        await WriteResultAsync(context, format, statusCode, result);
    }

    private (GraphQLRequestBody? Request, RequestError Error) ReadGet(HttpRequest httpRequest)
    {
        return _runtime.RequestReader.TryRead(httpRequest.Query, out var request, out var message)
            ? (request, default)
            : (null, RequestError.BadRequest(message));
    }

    private async Task<(GraphQLRequestBody? Request, RequestError Error)> ReadPostAsync(
        HttpRequest httpRequest)
    {
        if (!MediaTypeHeaderValue.TryParse(httpRequest.ContentType, out var contentType)
            || !contentType.MediaType.Equals(
                "application/json",
                StringComparison.OrdinalIgnoreCase))
        {
            return (null, new RequestError(
                StatusCodes.Status415UnsupportedMediaType,
                "POST requests must have Content-Type: application/json.",
                "UNSUPPORTED_MEDIA_TYPE"));
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(
                httpRequest.Body,
                default,
                httpRequest.HttpContext.RequestAborted);
            var reader = _runtime.RequestReader;
            return reader.TryRead(body.RootElement, out var request, out var message)
                ? (request, default)
                : (null, RequestError.BadRequest(message));
        }
        catch (JsonException)
        {
            return (null, RequestError.BadRequest("The request body is not valid JSON."));
        }
    }

    private static bool HasErrorCode(ExecutionResult result, string code) =>
        result.Errors?.Any(error => error.Code == code) == true;

    private Task WriteErrorAsync(
        HttpContext context,
        ResponseFormat format,
        int statusCode,
        string message,
        string code)
    {
        var result = new ExecutionResult
        {
            Errors = [new ExecutionError(message) { Code = code }],
        };
        return WriteResultAsync(context, format, statusCode, result);
    }

    private Task WriteResultAsync(
        HttpContext context,
        ResponseFormat format,
        int statusCode,
        ExecutionResult result)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = format.ContentType;
        return _runtime.Serializer.WriteAsync(
            context.Response.Body,
            result,
            context.RequestAborted);
    }
}
