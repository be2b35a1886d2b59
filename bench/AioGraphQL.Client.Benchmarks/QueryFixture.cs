using System.Net.Http.Headers;
using System.Text.Json;

namespace AioGraphQL.Client.Benchmarks;

/// <summary>
/// What one benchmark case needs: a server with the canned response, a
/// <see cref="GraphQLClient"/> built the way a user builds one, and a raw baseline that sends
/// the same bytes with a plain <see cref="HttpClient"/> and parses the reply.
/// </summary>
internal sealed class QueryFixture : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private readonly CannedGraphQLServer _server;

    private readonly HttpClient _rawClient;

    private readonly GraphQLClient _client;

    private readonly GraphQLRequest _request;

    private readonly byte[] _requestBody;

    private QueryFixture(CannedGraphQLServer server)
    {
        _server = server;
        _rawClient = new HttpClient();
        _client = new GraphQLClient(server.Endpoint.ToString());
        _request = new GraphQLRequest(
            "query Hero($episode: Episode) { hero(episode: $episode) { id name appearsIn "
                + "friends { id name } } }",
            new Dictionary<string, object?> { ["episode"] = "JEDI" },
            "Hero");

        // The exact JSON the client would send, built once as a pre-made body would be.
        using var body = GraphQLRequestWriter.WriteBody(_request, GraphQLJson.WebOptions);
        _requestBody = body.WrittenSpan.ToArray();
    }

    public static async Task<QueryFixture> StartAsync(ResponseSize size)
    {
        var server = await CannedGraphQLServer.StartAsync(CannedResponses.For(size))
            .ConfigureAwait(false);
        var fixture = new QueryFixture(server);
        await fixture.CheckAsync(CannedResponses.For(size).Length).ConfigureAwait(false);
        return fixture;
    }

    /// <summary>The baseline: post the pre-built body, parse the stream into a document.</summary>
    public async Task RawQueryAsync()
    {
        var content = new ByteArrayContent(_requestBody);
        content.Headers.ContentType = s_json;
        using var message = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint)
        {
            Content = content,
        };

        using var response = await _rawClient
            .SendAsync(message, HttpCompletionOption.ResponseHeadersRead)
            .ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
        }
    }

    /// <summary>The client under test: one query, its response disposed.</summary>
    public async Task ClientQueryAsync()
    {
        using var response = await _client.QueryAsync(_request).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().ConfigureAwait(false);
        _rawClient.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task CheckAsync(int expectedLength)
    {
        using (var response = await _client.QueryAsync(_request).ConfigureAwait(false))
        {
            if (response.Data.ValueKind != JsonValueKind.Object
                || response.ToString().Length > expectedLength)
            {
                throw new InvalidOperationException("The client did not read the canned data.");
            }
        }

        await RawQueryAsync().ConfigureAwait(false);
    }
}
