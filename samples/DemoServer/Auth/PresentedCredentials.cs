using AioGraphQL.DemoServer.Execution;

namespace AioGraphQL.DemoServer.Auth;

/// <summary>The credential-bearing values a request carried, before any is checked.</summary>
/// <param name="Authorization">The <c>Authorization</c> header value, if any.</param>
/// <param name="ApiKey">The <c>X-API-Key</c> header value, if any.</param>
/// <param name="SessionCookie">The value of the <c>demo_session</c> cookie, if any.</param>
internal readonly record struct PresentedCredentials(
    string? Authorization,
    string? ApiKey,
    string? SessionCookie)
{
    /// <summary>The header that carries a bearer token or Basic credentials.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>Whether any credential-bearing value is present.</summary>
    public bool IsEmpty => Authorization is null && ApiKey is null && SessionCookie is null;

    /// <summary>Picks the credential-bearing values out of a set of request headers.</summary>
    /// <param name="headers">The headers as the server received them.</param>
    /// <returns>The values found; blank values count as absent.</returns>
    public static PresentedCredentials From(RequestHeaders headers) => new(
        NullIfBlank(headers.Get(AuthorizationHeader)),
        NullIfBlank(headers.Get(ApiKeyHeader)),
        NullIfBlank(FindSessionCookie(headers.Get("Cookie"))));

    private static string? FindSessionCookie(string? cookieHeader)
    {
        if (cookieHeader is null)
        {
            return null;
        }

        // A cookie value cannot contain ',' or ';', so splitting on both also copes with
        // several Cookie headers that were joined into one value.
        foreach (var pair in cookieHeader.Split([';', ','], StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = separator > 0 ? pair.AsSpan(0, separator) : [];
            if (name.SequenceEqual(DemoCredentials.CookieName))
            {
                return pair[(separator + 1)..];
            }
        }

        return null;
    }

    private static string? NullIfBlank(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
