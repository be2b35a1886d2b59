using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AioGraphQL.DemoServer;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.DemoServer;

/// <summary>Raw HTTP calls against the demo server, answered as parsed JSON.</summary>
internal static class DemoHttp
{
    /// <summary>Posts a GraphQL query and reads the JSON answer, whatever its status.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(
        HttpClient http,
        Uri endpoint,
        string query,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = GraphQLContent(query),
        };
        configure?.Invoke(request);
        var response = await http.SendAsync(request);
        return (response, await ReadJsonAsync(response));
    }

    /// <summary>Posts a GraphQL query with a bearer token.</summary>
    public static Task<(HttpResponseMessage Response, JsonElement Body)> PostWithBearerAsync(
        HttpClient http,
        Uri endpoint,
        string query,
        string token) =>
        PostAsync(
            http,
            endpoint,
            query,
            request => request.Headers.Authorization =
                new AuthenticationHeaderValue("Bearer", token));

    /// <summary>Gets a token from <c>/token</c>, asserting that one was issued.</summary>
    public static async Task<string> IssueTokenAsync(
        HttpClient http,
        DemoServerHost host,
        int? ttlSeconds = null)
    {
        var ttl = ttlSeconds is { } seconds ? $",\"ttlSeconds\":{seconds}" : string.Empty;
        using var content = JsonContent(
            $$"""{"username":"alice","password":"wonderland"{{ttl}}}""");

        using var response = await http.PostAsync(new Uri(host.BaseAddress, "token"), content);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = body.GetProperty("access_token").GetString();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.NotNull(token);
        return token;
    }

    /// <summary>A JSON body holding a GraphQL request with only a query.</summary>
    public static StringContent GraphQLContent(string query) =>
        JsonContent(JsonSerializer.Serialize(new { query }));

    /// <summary>A body of the given JSON text.</summary>
    public static StringContent JsonContent(string json) =>
        new(json, Encoding.UTF8, "application/json");

    /// <summary>Parses a response body as JSON.</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The viewer's authMethod in a response to a viewer query.</summary>
    public static string? ViewerMethod(JsonElement body) =>
        body.GetProperty("data").GetProperty("viewer").GetProperty("authMethod").GetString();

    /// <summary>The extensions code of the first error.</summary>
    public static string? FirstErrorCode(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
}
