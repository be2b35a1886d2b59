using AioGraphQL.DemoServer;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.DemoServer;

/// <summary>One demo server with default options, shared by the tests that need no clock.</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    private DemoServerHost? _host;

    /// <summary>The running server.</summary>
    public DemoServerHost Host =>
        _host ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _host = await DemoServerHost.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
