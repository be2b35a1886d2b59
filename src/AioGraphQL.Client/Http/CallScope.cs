using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client;

/// <summary>
/// What <see cref="CallTimeout"/> needs to know about the client a call runs on: its clock,
/// its logger, the <see cref="HttpClient"/>'s own timeout, and whether the client has been
/// disposed. Built once per client, so a call allocates nothing for it.
/// </summary>
internal sealed class CallScope(
    TimeProvider timeProvider,
    ILogger logger,
    HttpClient httpClient,
    Func<bool> isDisposed)
{
    public TimeProvider TimeProvider => timeProvider;

    public ILogger Logger => logger;

    /// <summary>The injected or owned HttpClient's own limit, which may run out before ours.</summary>
    public TimeSpan HttpClientTimeout => httpClient.Timeout;

    public bool IsDisposed => isDisposed();
}
