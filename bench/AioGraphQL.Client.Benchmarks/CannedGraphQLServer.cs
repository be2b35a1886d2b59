using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client.Benchmarks;

/// <summary>
/// A Kestrel endpoint on 127.0.0.1 with a port the system picks, answering every request with
/// one canned GraphQL response. It does no GraphQL work, so the time measured is the client's
/// and the transport's.
/// </summary>
internal sealed class CannedGraphQLServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CannedGraphQLServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The URL to post queries to.</summary>
    public Uri Endpoint { get; }

    public static async Task<CannedGraphQLServer> StartAsync(byte[] response)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        var app = builder.Build();
        app.Run(context => AnswerAsync(context, response));
        await app.StartAsync().ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var address = addresses.Addresses.Single();
        return new CannedGraphQLServer(app, new Uri(new Uri(address), "/graphql"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Task AnswerAsync(HttpContext context, byte[] response)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        context.Response.ContentLength = response.Length;
        return context.Response.Body.WriteAsync(response, 0, response.Length);
    }
}
