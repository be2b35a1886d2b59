using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client.IntegrationTests.Support;

/// <summary>
/// A logger factory whose every logger writes into one <see cref="RecordingLogger"/>, so a
/// test can scan everything a run logged, whatever the category.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerFactory
{
    private readonly RecordingLogger _recorder = new();

    public IReadOnlyCollection<string> Lines => _recorder.Lines;

    public ILogger CreateLogger(string categoryName) => _recorder;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
