using System.Collections.Concurrent;

namespace AioGraphQL.AuthTour;

/// <summary>
/// Every credential the tour handles, so a test can prove none of them reaches a log line,
/// an exception message or the console.
/// </summary>
internal sealed class SecretLedger
{
    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)_secrets.Keys;

    public string Add(string secret)
    {
        _secrets.TryAdd(secret, 0);
        return secret;
    }
}
