using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// Runs subscriptions-transport-ws's server
/// (<c>tests/peers/subscriptions-transport-ws-server.mjs</c>, legacy sub-protocol graphql-ws)
/// once for every test class in <see cref="SubscriptionsTransportWsPeerCollectionDefinition"/>,
/// sending <c>ka</c> every <see cref="KeepAliveMilliseconds"/>.
/// </summary>
public sealed class SubscriptionsTransportWsPeerFixture : IAsyncLifetime
{
    /// <summary>The interval between the server's <c>ka</c> messages, in milliseconds.</summary>
    public const int KeepAliveMilliseconds = 10_000;

    private NodePeer? _peer;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">
    /// The fixture has not been initialized.
    /// </exception>
    public NodePeer Peer => _peer ?? throw new InvalidOperationException(
        "The subscriptions-transport-ws peer is used before xUnit initialized its fixture.");

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _peer = await NodePeer.StartAsync(
            "subscriptions-transport-ws-server.mjs",
            "--keepalive",
            KeepAliveMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }
}
