namespace AioGraphQL.Client;

/// <summary>A credential and the moment it stops being accepted.</summary>
/// <param name="Value">The token text, as the server expects it after the scheme.</param>
/// <param name="ExpiresAt">When the server stops accepting it.</param>
public readonly record struct AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    /// <summary>Hides the token, so logging the struct cannot leak it.</summary>
    /// <returns>The expiry only.</returns>
    public override string ToString() => $"AccessToken(expires {ExpiresAt:O})";
}
