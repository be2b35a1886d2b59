using System.Security.Cryptography;
using System.Text;

namespace AioGraphQL.DemoServer.Auth;

/// <summary>
/// Decides who is calling from the presented credentials. The first credential present wins,
/// in the order Authorization header, X-API-Key, session cookie; if it is wrong the request is
/// rejected rather than tried with the next one.
/// </summary>
internal sealed class Authenticator
{
    private readonly CredentialStore _store;

    /// <summary>Creates an authenticator over the server's issued tokens and sessions.</summary>
    public Authenticator(CredentialStore store)
    {
        _store = store;
    }

    /// <summary>Checks the credentials a request presented.</summary>
    /// <param name="credentials">What the request carried.</param>
    /// <returns>The viewer, the anonymous one if nothing was presented, or a rejection.</returns>
    public AuthResult Authenticate(PresentedCredentials credentials)
    {
        if (credentials.Authorization is { } authorization)
        {
            return AuthenticateAuthorization(authorization);
        }

        if (credentials.ApiKey is { } apiKey)
        {
            return SecretEquals(apiKey, DemoCredentials.ApiKey)
                ? AuthResult.Accept("apikey")
                : AuthResult.Reject("The API key is not valid.");
        }

        if (credentials.SessionCookie is { } sessionId)
        {
            return _store.IsSessionValid(sessionId)
                ? AuthResult.Accept("cookie")
                : AuthResult.Reject("The session cookie is not valid.");
        }

        return AuthResult.Anonymous;
    }

    /// <summary>Whether a user name and password pair is the demo user's.</summary>
    public static bool IsDemoUser(string? user, string? password) =>
        user is not null
        && password is not null
        && SecretEquals(user, DemoCredentials.User)
        && SecretEquals(password, DemoCredentials.Password);

    private AuthResult AuthenticateAuthorization(string authorization)
    {
        var separator = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = separator < 0 ? authorization : authorization[..separator];
        var parameter = separator < 0 ? string.Empty : authorization[(separator + 1)..].Trim();

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return parameter.Length > 0 && _store.IsTokenValid(parameter)
                ? AuthResult.Accept("bearer")
                : AuthResult.Reject("The bearer token is not valid or has expired.");
        }

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return IsDemoUserPair(parameter)
                ? AuthResult.Accept("basic")
                : AuthResult.Reject("The Basic credentials are not valid.");
        }

        return AuthResult.Reject("The Authorization scheme is not supported; use Bearer or Basic.");
    }

    private static bool IsDemoUserPair(string base64Pair)
    {
        var buffer = new byte[base64Pair.Length];
        if (!Convert.TryFromBase64String(base64Pair, buffer, out var length))
        {
            return false;
        }

        var pair = Encoding.UTF8.GetString(buffer, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && IsDemoUser(pair[..colon], pair[(colon + 1)..]);
    }

    private static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(presented),
            Encoding.UTF8.GetBytes(expected));
}
