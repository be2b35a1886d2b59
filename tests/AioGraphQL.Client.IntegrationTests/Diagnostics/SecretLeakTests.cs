using AioGraphQL.AuthTour;
using AioGraphQL.Client.IntegrationTests.Support;
using AioGraphQL.DemoServer;

namespace AioGraphQL.Client.IntegrationTests.Diagnostics;

public sealed class SecretLeakTests
{
    [Fact]
    public async Task AuthTour_FullRunWithTraceLogging_NoSecretInLogsOrOutput()
    {
        await using var server = await DemoServerHost.StartAsync();
        var logs = new CapturingLoggerProvider();
        var output = new StringWriter();
        var tour = new Tour(server, logs, output);

        var failed = await tour.RunAsync();

        Assert.True(failed == 0, output.ToString());
        var basic = GraphQLAuth.Basic(DemoCredentials.User, DemoCredentials.Password);
        var secrets = tour.Secrets.All.Append(basic["Basic ".Length..]).ToList();
        Assert.Contains(DemoCredentials.Password, secrets);
        Assert.True(secrets.Count >= 8, $"only {secrets.Count} secrets were recorded");
        Assert.Contains(logs.Lines, l => l.Contains("[1001]", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("[3000]", StringComparison.Ordinal));
        var text = string.Join("\n", logs.Lines) + "\n" + output;
        foreach (var secret in secrets)
        {
            Assert.False(
                text.Contains(secret, StringComparison.Ordinal),
                $"a secret of length {secret.Length} appeared in the logs or output");
        }
    }
}
