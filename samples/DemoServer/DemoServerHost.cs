using System.Net;
using AioGraphQL.DemoServer.Auth;
using AioGraphQL.DemoServer.Execution;
using AioGraphQL.DemoServer.Http;
using AioGraphQL.DemoServer.Schema;
using AioGraphQL.DemoServer.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.DemoServer;

/// <summary>
/// A running demo GraphQL server on the loopback interface, serving every authentication
/// pattern the client supports over HTTP and both WebSocket sub-protocols.
/// </summary>
/// <remarks>
/// Endpoints: <c>POST /token</c>, <c>POST /login</c>, <c>/graphql</c> (HTTP GET and POST, and
/// WebSocket), and <c>/graphql-200</c>, which answers rejected credentials with status 200
/// instead of 401. The host logs only warnings and errors.
/// </remarks>
public sealed class DemoServerHost : IAsyncDisposable
{
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;

    private readonly CredentialStore _credentials;

    private DemoServerHost(WebApplication app, CredentialStore credentials, int port)
    {
        _app = app;
        _credentials = credentials;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Endpoint = new Uri(BaseAddress, "graphql");
        Endpoint200 = new Uri(BaseAddress, "graphql-200");
        WebSocketEndpoint = new Uri($"ws://127.0.0.1:{port}/graphql");
    }

    /// <summary>The server's root address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The GraphQL endpoint, <c>http://127.0.0.1:PORT/graphql</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// The GraphQL endpoint that reports rejected credentials with HTTP 200 and an
    /// UNAUTHENTICATED error in the body, as some real servers do.
    /// </summary>
    public Uri Endpoint200 { get; }

    /// <summary>The WebSocket endpoint, <c>ws://127.0.0.1:PORT/graphql</c>.</summary>
    public Uri WebSocketEndpoint { get; }

    /// <summary>How many tokens <c>/token</c> has issued; tests count refreshes by it.</summary>
    public int TokensIssued => _credentials.TokensIssued;

    /// <summary>Starts a server on 127.0.0.1 and returns once it accepts connections.</summary>
    /// <param name="options">The settings, or null for the defaults.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The port is outside 0 to 65535, or the token lifetime is negative.
    /// </exception>
    /// <exception cref="ArgumentException">No WebSocket sub-protocol is given.</exception>
    /// <exception cref="IOException">The port is already in use.</exception>
    /// <exception cref="OperationCanceledException">The token fired during start.</exception>
    public static async Task<DemoServerHost> StartAsync(
        DemoServerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DemoServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenLifetime, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        if (options.WebSocketSubProtocols is not { Length: > 0 })
        {
            throw new ArgumentException(
                "At least one WebSocket sub-protocol must be enabled.",
                nameof(options));
        }

        var credentials = new CredentialStore(options.TimeProvider);
        var app = Build(options, credentials);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new DemoServerHost(app, credentials, ReadBoundPort(app));
    }

    /// <summary>Stops the server, closing open WebSockets, and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(DemoServerOptions options, CredentialStore credentials)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = s_shutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Loopback only, whatever ASPNETCORE_URLS or configuration says.
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        var runtime = new GraphQLRuntime(new DemoSchema(new DemoState(), options.TimeProvider));
        var authenticator = new Authenticator(credentials);
        var authEndpoints = new AuthEndpoints(credentials, options.TokenLifetime);
        var http = new GraphQLHttpEndpoint(runtime, authenticator);
        var webSockets = new GraphQLWebSocketEndpoint(
            runtime,
            authenticator,
            options,
            app.Lifetime.ApplicationStopping);

        app.UseWebSockets();
        app.MapPost("/token", authEndpoints.IssueTokenAsync);
        app.MapPost("/login", authEndpoints.LogInAsync);
        app.Map("/graphql", context => context.WebSockets.IsWebSocketRequest
            ? webSockets.HandleAsync(context)
            : http.HandleAsync(context, StatusCodes.Status401Unauthorized));
        app.Map("/graphql-200", context => context.WebSockets.IsWebSocketRequest
            ? webSockets.HandleAsync(context)
            : http.HandleAsync(context, StatusCodes.Status200OK));
        return app;
    }

    private static int ReadBoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        return new Uri(addresses.First()).Port;
    }
}
