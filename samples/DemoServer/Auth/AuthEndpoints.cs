using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AioGraphQL.DemoServer.Auth;

/// <summary>
/// Serves <c>POST /token</c>, which issues short-lived bearer tokens, and <c>POST /login</c>,
/// which starts a cookie session.
/// </summary>
internal sealed class AuthEndpoints
{
    private const long MaxTtlSeconds = 10L * 365 * 24 * 60 * 60;

    private readonly CredentialStore _store;

    private readonly TimeSpan _defaultTokenLifetime;

    /// <summary>Creates the endpoints.</summary>
    /// <param name="store">Where issued tokens and sessions are kept.</param>
    /// <param name="defaultTokenLifetime">The token lifetime when the request names none.</param>
    public AuthEndpoints(CredentialStore store, TimeSpan defaultTokenLifetime)
    {
        _store = store;
        _defaultTokenLifetime = defaultTokenLifetime;
    }

    /// <summary>Issues a bearer token for the demo user's name and password.</summary>
    public async Task IssueTokenAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, Error("invalid_request",
                "Send a JSON object with 'username', 'password' and optional 'ttlSeconds'."));
            return;
        }

        if (!IsDemoUser(body))
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized,
                Error("invalid_grant", "The user name or password is wrong."));
            return;
        }

        if (!TryReadLifetime(body, out var lifetime))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest,
                Error("invalid_request", "'ttlSeconds' must be a whole number of 0 or more."));
            return;
        }

        var token = _store.IssueToken(lifetime);
        await WriteAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
        });
    }

    /// <summary>Starts a session for the demo user and sets its cookie.</summary>
    public async Task LogInAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest,
                Error("invalid_request", "Send a JSON object with 'username' and 'password'."));
            return;
        }

        if (!IsDemoUser(body))
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized,
                Error("invalid_grant", "The user name or password is wrong."));
            return;
        }

        // Written by hand rather than through Response.Cookies, which lower-cases the
        // attribute names; the documented header is "Path=/; HttpOnly".
        var sessionId = _store.OpenSession();
        context.Response.Headers.SetCookie =
            $"{DemoCredentials.CookieName}={sessionId}; Path=/; HttpOnly";
        await WriteAsync(context, StatusCodes.Status200OK,
            new JsonObject { ["login"] = DemoCredentials.User });
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(
                context.Request.Body,
                cancellationToken: context.RequestAborted);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsDemoUser(JsonObject body) =>
        Authenticator.IsDemoUser(ReadString(body, "username"), ReadString(body, "password"));

    private bool TryReadLifetime(JsonObject body, out TimeSpan lifetime)
    {
        lifetime = _defaultTokenLifetime;
        if (body["ttlSeconds"] is not { } ttl)
        {
            return true;
        }

        if (ttl is not JsonValue value || !value.TryGetValue<long>(out var seconds) || seconds < 0)
        {
            return false;
        }

        // Capped at ten years so that an absurd request cannot overflow the expiry time.
        lifetime = TimeSpan.FromSeconds(Math.Min(seconds, MaxTtlSeconds));
        return true;
    }

    private static string? ReadString(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject Error(string error, string description) => new()
    {
        ["error"] = error,
        ["error_description"] = description,
    };

    private static Task WriteAsync(HttpContext context, int statusCode, JsonObject body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
