using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AioGraphQL.Client;
using AioGraphQL.DemoServer;

namespace AioGraphQL.AuthTour;

/// <summary>
/// The user's own code around the demo server's login endpoints: fetching a token and
/// logging in for a cookie session. A real application has the same helpers.
/// </summary>
internal static class DemoAccount
{
    public static async Task<AccessToken> FetchTokenAsync(
        HttpClient http,
        Uri baseAddress,
        SecretLedger secrets,
        int? ttlSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object?>
        {
            ["username"] = DemoCredentials.User,
            ["password"] = DemoCredentials.Password,
            ["ttlSeconds"] = ttlSeconds,
        };
        using var response = await http.PostAsJsonAsync(
            new Uri(baseAddress, "token"),
            body,
            cancellationToken);
        response.EnsureSuccessStatusCode();

        using var json = JsonDocument.Parse(
            await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        var token = root.GetProperty("access_token").GetString()
            ?? throw new TourCheckException("The token endpoint returned no token.");
        secrets.Add(token);
        var lifetime = TimeSpan.FromSeconds(root.GetProperty("expires_in").GetDouble());
        return new AccessToken(token, DateTimeOffset.UtcNow + lifetime);
    }

    public static async Task LoginAsync(
        HttpClient http,
        CookieContainer cookies,
        Uri baseAddress,
        SecretLedger secrets)
    {
        var body = new Dictionary<string, string>
        {
            ["username"] = DemoCredentials.User,
            ["password"] = DemoCredentials.Password,
        };
        using var response = await http.PostAsJsonAsync(new Uri(baseAddress, "login"), body);
        response.EnsureSuccessStatusCode();

        foreach (Cookie cookie in cookies.GetCookies(baseAddress))
        {
            secrets.Add(cookie.Value);
        }
    }
}
