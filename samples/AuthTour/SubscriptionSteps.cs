using AioGraphQL.DemoServer;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.AuthTour;

/// <summary>The guide's subscription patterns, authenticated through connection_init.</summary>
internal static class SubscriptionSteps
{
    public static IEnumerable<(string Name, Func<Task<string>> Step)> All(
        DemoServerHost server,
        SecretLedger secrets,
        ILoggerFactory loggers)
    {
        _ = (server, secrets, loggers);
        return [];
    }
}
