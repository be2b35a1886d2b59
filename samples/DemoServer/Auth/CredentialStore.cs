using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AioGraphQL.DemoServer.Auth;

/// <summary>
/// Holds the bearer tokens and session ids this server has handed out, with token expiry read
/// from the configured clock.
/// </summary>
internal sealed class CredentialStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokenExpiries =
        new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, bool> _sessions = new(StringComparer.Ordinal);

    private readonly TimeProvider _timeProvider;

    private int _tokensIssued;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that decides when a token has expired.</param>
    public CredentialStore(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>How many tokens have been issued so far.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Issues a new random bearer token.</summary>
    /// <param name="lifetime">How long the token stays valid from now.</param>
    /// <returns>The opaque token.</returns>
    public string IssueToken(TimeSpan lifetime)
    {
        var now = _timeProvider.GetUtcNow();
        RemoveExpiredTokens(now);

        var token = NewSecret();
        _tokenExpiries[token] = now + lifetime;

        Interlocked.Increment(ref _tokensIssued);
        return token;
    }

    /// <summary>Whether the token was issued here and has not expired yet.</summary>
    public bool IsTokenValid(string token) =>
        _tokenExpiries.TryGetValue(token, out var expiry) && _timeProvider.GetUtcNow() < expiry;

    /// <summary>Opens a new session and returns its random id, the cookie value.</summary>
    public string OpenSession()
    {
        var sessionId = NewSecret();
        _sessions[sessionId] = true;
        return sessionId;
    }

    /// <summary>Whether the session id was handed out by <see cref="OpenSession"/>.</summary>
    public bool IsSessionValid(string sessionId) => _sessions.ContainsKey(sessionId);

    private void RemoveExpiredTokens(DateTimeOffset now)
    {
        // Keeps a long-running standalone server from growing without bound; expired tokens
        // would be rejected anyway, so forgetting them changes no answer.
        foreach (var (token, expiry) in _tokenExpiries)
        {
            if (expiry <= now)
            {
                _tokenExpiries.TryRemove(token, out _);
            }
        }
    }

    private static string NewSecret() =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
