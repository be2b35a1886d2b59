using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// Runs graphql-http's reference server (<c>tests/peers/graphql-http-server.mjs</c>) once for
/// every test class in <see cref="GraphQLHttpPeerCollectionDefinition"/>.
/// </summary>
public sealed class GraphQLHttpPeerFixture : IAsyncLifetime
{
    private NodePeer? _peer;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">
    /// The fixture has not been initialized.
    /// </exception>
    public NodePeer Peer => _peer ?? throw new InvalidOperationException(
        "The graphql-http peer is used before xUnit initialized its fixture.");

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _peer = await NodePeer.StartAsync("graphql-http-server.mjs");

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }
}
