using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client.IntegrationTests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers with the broken or hostile responses real
/// gateways produce, so the client's handling of each is proved over a real socket.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly TaskCompletionSource _slowStarted =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FaultServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Completes when the first request reaches the never-answering endpoint.</summary>
    public Task SlowRequestStarted => _slowStarted.Task;

    /// <summary>Every Authorization header value received, in order of arrival.</summary>
    public List<string> ReceivedAuthorizations { get; } = [];

    public Uri Url(string path) => new(BaseAddress, path);

    public static async Task<FaultServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FaultServer? server = null;

        app.MapPost("/html502", (HttpContext c) => Write(c, 502, "text/html",
            "<html><body><h1>502 Bad Gateway</h1></body></html>"));
        app.MapPost("/invalid-json", (HttpContext c) => Write(c, 200, "application/json",
            "{\"data\": {\"a\": tru"));
        app.MapPost("/empty", (HttpContext c) => Write(c, 200, "application/json", ""));
        app.MapPost("/not-graphql", (HttpContext c) => Write(c, 200, "application/json",
            "{\"hello\":\"world\"}"));
        app.MapPost("/ok", (HttpContext c) => Write(c, 200, "application/graphql-response+json",
            "{\"data\":{\"ok\":true}}"));
        app.MapPost("/big", (HttpContext c) => Write(c, 200, "application/json",
            "{\"data\":{\"s\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}"));
        app.MapPost("/echo-secret", (HttpContext c) => Write(c, 503, "text/plain",
            "upstream rejected credential " + c.Request.Headers.Authorization));
        app.MapPost("/slow", async (HttpContext c) =>
        {
            server!._slowStarted.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
            await Write(c, 200, "application/json", "{\"data\":{}}");
        });
        app.MapPost("/auth-401", async (HttpContext c) =>
        {
            string value = c.Request.Headers.Authorization.ToString();
            lock (server!.ReceivedAuthorizations)
            {
                server.ReceivedAuthorizations.Add(value);
            }

            if (value != "Bearer good")
            {
                await Write(c, 401, "text/plain", "nope");
                return;
            }

            await Write(c, 200, "application/json", "{\"data\":{\"ok\":true}}");
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FaultServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task Write(HttpContext context, int status, string type, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        return context.Response.WriteAsync(body);
    }
}
