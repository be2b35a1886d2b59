using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AioGraphQL.Client;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client.Benchmarks;

/// <summary>
/// Receiving a stream of small <c>next</c> messages: the client's subscription stream against
/// a raw <see cref="ClientWebSocket"/> loop that parses each message into a pooled
/// <see cref="JsonDocument"/>, both served the same frames by an in-process Kestrel endpoint on
/// 127.0.0.1. Figures are per message (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class WebSocketReceiveBenchmarks
{
    private const int Messages = 100_000;

    private const string Query = "subscription { ticks }";

    private WebApplication? _server;

    private Uri _endpoint = new("ws://127.0.0.1/");

    private GraphQLClient? _client;

    /// <summary>Starts the loopback server and the client.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.UseWebSockets();
        _server.Map("/graphql", ServeAsync);
        await _server.StartAsync();

        var address = _server.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        _endpoint = new Uri(new UriBuilder(address) { Scheme = "ws" }.Uri, "graphql");

        var options = new GraphQLClientOptions
        {
            Endpoint = new UriBuilder(_endpoint) { Scheme = "http" }.Uri,
        };
        options.WebSocket.Endpoint = _endpoint;
        options.WebSocket.IdleTimeout = TimeSpan.FromMinutes(10);
        _client = new GraphQLClient(options);
    }

    /// <summary>Stops the client and the server.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
    }

    /// <summary>The baseline: raw socket, pooled buffer, one JsonDocument per message.</summary>
    /// <returns>The number of results read.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task<int> RawClientWebSocket()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(_endpoint, CancellationToken.None);
        await SendAsync(socket, "{\"type\":\"connection_init\",\"payload\":{}}");
        await SendAsync(socket,
            "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"" + Query + "\"}}");

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var results = 0;
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(length), default);
                    length += received.Count;
                }
                while (!received.EndOfMessage);

                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                var type = document.RootElement.GetProperty("type");
                if (type.ValueEquals("next"u8))
                {
                    results++;
                }
                else if (type.ValueEquals("complete"u8))
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default);
        return results;
    }

    /// <summary>The client: SubscribeAsync, each response disposed as it is read.</summary>
    /// <returns>The number of results read.</returns>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<int> AioGraphQLClientSubscribeAsync()
    {
        var results = 0;
        await foreach (var response in _client!.SubscribeAsync(Query))
        {
            response.Dispose();
            results++;
        }

        return results;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, default);

    private static async Task ServeAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync("graphql-transport-ws");
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, default);
                return;
            }

            using var message = JsonDocument.Parse(buffer.AsMemory(0, received.Count));
            var type = message.RootElement.GetProperty("type").GetString();
            if (type == "connection_init")
            {
                await socket.SendAsync("{\"type\":\"connection_ack\"}"u8.ToArray(),
                    WebSocketMessageType.Text, true, default);
            }
            else if (type == "subscribe")
            {
                var id = message.RootElement.GetProperty("id").GetString();
                await StreamAsync(socket, id!);
            }
        }
    }

    private static async Task StreamAsync(WebSocket socket, string id)
    {
        var frames = new byte[16][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = Encoding.UTF8.GetBytes(
                $"{{\"id\":\"{id}\",\"type\":\"next\","
                    + $"\"payload\":{{\"data\":{{\"ticks\":{i}}}}}}}");
        }

        for (var i = 0; i < Messages; i++)
        {
            await socket.SendAsync(frames[i % frames.Length], WebSocketMessageType.Text, true,
                default);
        }

        await socket.SendAsync(
            Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"type\":\"complete\"}}"),
            WebSocketMessageType.Text, true, default);
    }
}
