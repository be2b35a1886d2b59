using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client.IntegrationTests.Support;

/// <summary>
/// Keeps every log line (message, structured values and exception) and lets a test await the
/// first line matching a condition: the signal that the client reached a point, such as
/// having sent connection_init, without sleeping or polling.
/// </summary>
public sealed class RecordingLogger : ILogger<GraphQLClient>
{
    private readonly ConcurrentQueue<string> _lines = new();

    private readonly List<(Func<int, string, bool> Match, TaskCompletionSource Signal)> _waiters =
        [];

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
            : string.Empty;
        var line = $"{logLevel} [{eventId.Id}] {formatter(state, exception)} {values} {exception}";
        _lines.Enqueue(line);

        lock (_waiters)
        {
            foreach (var (match, signal) in _waiters)
            {
                if (match(eventId.Id, line))
                {
                    signal.TrySetResult();
                }
            }
        }
    }

    /// <summary>
    /// Completes when a line with <paramref name="eventId"/> containing the text is logged.
    /// </summary>
    public Task WaitForAsync(int eventId, string contains = "")
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add(((id, line) => id == eventId && line.Contains(contains,
                StringComparison.Ordinal), signal));
        }

        foreach (var line in _lines)
        {
            if (line.Contains($"[{eventId}]", StringComparison.Ordinal)
                && line.Contains(contains, StringComparison.Ordinal))
            {
                signal.TrySetResult();
            }
        }

        return signal.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
