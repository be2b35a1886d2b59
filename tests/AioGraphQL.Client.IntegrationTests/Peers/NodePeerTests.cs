using System.Net.Sockets;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

public sealed class NodePeerTests
{
    [Fact]
    public async Task StartAsync_ScriptMissing_ThrowsWithNodesErrorOutput()
    {
        var start = NodePeer.StartAsync("no-such-peer.mjs");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => start);

        Assert.Contains("exited before listening with exit code 1", exception.Message);
        Assert.Contains("Cannot find module", exception.Message);
    }

    [Fact]
    public async Task StartAsync_ServerScript_ReportsLoopbackEndpointsOnItsPort()
    {
        await using var peer = await NodePeer.StartAsync("graphql-http-server.mjs");

        var endpoint = peer.WebSocketEndpointWith("noAck=1");

        Assert.InRange(peer.Port, 1, 65535);
        Assert.Equal(new Uri($"http://127.0.0.1:{peer.Port}/graphql"), peer.HttpEndpoint);
        Assert.Equal(new Uri($"ws://127.0.0.1:{peer.Port}/graphql"), peer.WebSocketEndpoint);
        Assert.Equal(new Uri($"ws://127.0.0.1:{peer.Port}/graphql?noAck=1"), endpoint);
    }

    [Fact]
    public async Task DisposeAsync_RunningPeer_StopsListening()
    {
        var peer = await NodePeer.StartAsync("graphql-http-server.mjs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await peer.DisposeAsync();

        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(
            () => client.ConnectAsync("127.0.0.1", peer.Port, timeout.Token).AsTask());
    }
}
