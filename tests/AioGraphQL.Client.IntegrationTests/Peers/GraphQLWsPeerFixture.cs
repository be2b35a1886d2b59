using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// Runs graphql-ws's reference server (<c>tests/peers/graphql-ws-server.mjs</c>, sub-protocol
/// graphql-transport-ws) once for every test class in
/// <see cref="GraphQLWsPeerCollectionDefinition"/>.
/// Tests choose per-connection behaviour with <see cref="NodePeer.WebSocketEndpointWith"/>.
/// </summary>
public sealed class GraphQLWsPeerFixture : IAsyncLifetime
{
    private NodePeer? _peer;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">
    /// The fixture has not been initialized.
    /// </exception>
    public NodePeer Peer => _peer ?? throw new InvalidOperationException(
        "The graphql-ws peer is used before xUnit initialized its fixture.");

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _peer = await NodePeer.StartAsync("graphql-ws-server.mjs");

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }
}
