using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// One reference server from <c>tests/peers</c>, running in its own Node process on a free
/// port of 127.0.0.1 for as long as this object lives.
/// </summary>
public sealed class NodePeer : IAsyncDisposable
{
    /// <summary>How long a peer may take to print its <c>LISTENING</c> line.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(10);
    private const string ListeningPrefix = "LISTENING ";
    private const int LogTailLines = 40;
    private const string SolutionFileName = "AioGraphQL.Client.sln";

    private readonly Process _process;
    private readonly string _script;
    private readonly Queue<string> _logTail = new();
    private Task _stdoutDrain = Task.CompletedTask;
    private int _disposed;

    private NodePeer(Process process, string script)
    {
        _process = process;
        _script = script;
    }

    /// <summary>The port the peer listens on, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The peer's GraphQL over HTTP endpoint.</summary>
    public Uri HttpEndpoint => new($"http://127.0.0.1:{Port}/graphql");

    /// <summary>The peer's WebSocket endpoint, without per-connection options.</summary>
    public Uri WebSocketEndpoint => new($"ws://127.0.0.1:{Port}/graphql");

    /// <summary>
    /// The WebSocket endpoint with per-connection options in its query string, for example
    /// <c>auth=secret</c> or <c>noPong=1</c> (see <c>tests/peers/README.md</c>).
    /// </summary>
    /// <param name="query">
    /// The query string without the leading <c>?</c>, already escaped.
    /// </param>
    /// <returns>The endpoint with that query string.</returns>
    public Uri WebSocketEndpointWith(string query) =>
        new UriBuilder(WebSocketEndpoint) { Query = query }.Uri;

    /// <summary>Starts <c>node tests/peers/&lt;script&gt;</c> and waits until it listens.</summary>
    /// <param name="script">
    /// The server script's file name, e.g. <c>graphql-ws-server.mjs</c>.
    /// </param>
    /// <param name="args">Extra command-line options for the script.</param>
    /// <returns>The running peer; dispose it to stop the process.</returns>
    /// <exception cref="InvalidOperationException">
    /// The repository root or the peers' node_modules is missing, Node could not be started,
    /// or the peer exited before listening.
    /// </exception>
    /// <exception cref="TimeoutException">The peer did not listen within StartTimeout.</exception>
    public static Task<NodePeer> StartAsync(string script, params string[] args) =>
        StartAsync(script, args, CancellationToken.None);

    /// <summary>Starts <c>node tests/peers/&lt;script&gt;</c> and waits until it listens.</summary>
    /// <param name="script">
    /// The server script's file name, e.g. <c>graphql-ws-server.mjs</c>.
    /// </param>
    /// <param name="args">Extra command-line options for the script.</param>
    /// <param name="cancellationToken">Stops waiting and kills the process.</param>
    /// <returns>The running peer; dispose it to stop the process.</returns>
    /// <exception cref="InvalidOperationException">
    /// The repository root or the peers' node_modules is missing, Node could not be started,
    /// or the peer exited before listening.
    /// </exception>
    /// <exception cref="TimeoutException">The peer did not listen within StartTimeout.</exception>
    public static async Task<NodePeer> StartAsync(
        string script,
        IEnumerable<string> args,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        ArgumentNullException.ThrowIfNull(args);

        var peersDirectory = Path.Combine(FindRepositoryRoot(), "tests", "peers");
        if (!Directory.Exists(Path.Combine(peersDirectory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The reference peers are not installed in {peersDirectory}: run " +
                "`npm ci --prefix tests/peers` from the repository root, or " +
                "`bash scripts/test.sh`.");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = peersDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(peersDirectory, script));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo };
        var peer = new NodePeer(process, script);
        process.ErrorDataReceived += (_, e) => peer.RecordLog("stderr", e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"Could not start `node` for peer {script}; is Node 20 on the PATH?",
                exception);
        }
        process.BeginErrorReadLine();

        try
        {
            peer.Port = await peer.ReadListeningPortAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        peer._stdoutDrain = peer.DrainStdoutAsync();
        return peer;
    }

    /// <summary>Kills the peer's process tree and waits, bounded, for it to exit.</summary>
    /// <returns>A task that completes once the process is gone or the wait ran out.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var exitWait = new CancellationTokenSource(s_exitTimeout);
            await _process.WaitForExitAsync(exitWait.Token).ConfigureAwait(false);
            await _stdoutDrain.WaitAsync(exitWait.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process never started or has already been reaped: nothing is left to stop.
        }
        catch (OperationCanceledException)
        {
            // Kill was sent; a process that outlives the bounded wait still goes when its
            // stdin closes with ours, so disposal must not hang or fail the test run here.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<int> ReadListeningPortAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);

        // Bounded by the timeout: each iteration consumes one line the peer printed.
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Peer {_script} did not print LISTENING within {StartTimeout.TotalSeconds} s."
                    + DescribeLogTail());
            }

            if (line is null)
            {
                throw new InvalidOperationException(
                    $"Peer {_script} exited before listening{await DescribeExitAsync()}."
                    + DescribeLogTail());
            }
            if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal) &&
                int.TryParse(
                    line.AsSpan(ListeningPrefix.Length),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var port))
            {
                return port;
            }
            RecordLog("stdout", line);
        }
    }

    private async Task DrainStdoutAsync()
    {
        // The peers print nothing after LISTENING; anything that shows up is kept for diagnosis
        // and must still be read so a full pipe can never block the peer.
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            RecordLog("stdout", line);
        }
    }

    private async Task<string> DescribeExitAsync()
    {
        using var exitWait = new CancellationTokenSource(s_exitTimeout);
        try
        {
            await _process.WaitForExitAsync(exitWait.Token).ConfigureAwait(false);
            return $" with exit code {_process.ExitCode}";
        }
        catch (OperationCanceledException)
        {
            // Stdout closed but the process lingers; the caller's message still stands.
            return string.Empty;
        }
    }

    private void RecordLog(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logTail)
        {
            if (_logTail.Count == LogTailLines)
            {
                _logTail.Dequeue();
            }
            _logTail.Enqueue($"{stream}: {line}");
        }
    }

    private string DescribeLogTail()
    {
        lock (_logTail)
        {
            return _logTail.Count == 0
                ? " It printed nothing."
                : $" Last output:{Environment.NewLine}{string.Join(Environment.NewLine, _logTail)}";
        }
    }

    private static string FindRepositoryRoot()
    {
        // Walking up ends at the filesystem root, so this loop is bounded by the path depth.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory);
            directory is not null;
            directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No {SolutionFileName} above {AppContext.BaseDirectory}; cannot find tests/peers.");
    }
}
