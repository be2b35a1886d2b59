using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AioGraphQL.Client.IntegrationTests.Support;

/// <summary>
/// A loopback TCP server that answers every request with the same raw bytes and then closes
/// its side gracefully: the way to send a response that breaks HTTP on purpose.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;

    private readonly byte[] _reply;

    private readonly CancellationTokenSource _stop = new();

    private readonly Task _loop;

    private int _requests;

    public RawHttpServer(string rawReply)
    {
        _reply = Encoding.UTF8.GetBytes(rawReply.ReplaceLineEndings("\r\n"));
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    /// <summary>How many requests have been answered.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    public Uri Endpoint =>
        new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/graphql");

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        // Bounded: at most 100 connections per test server.
        for (var i = 0; i < 100 && !_stop.IsCancellationRequested; i++)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException
                or ObjectDisposedException)
            {
                return;
            }

            using (socket)
            {
                await ReadRequestAsync(socket);
                Interlocked.Increment(ref _requests);
                await socket.SendAsync(_reply, SocketFlags.None);
                socket.Shutdown(SocketShutdown.Send);
            }
        }
    }

    private async Task ReadRequestAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var received = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (received < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
            if (read == 0)
            {
                return;
            }

            received += read;
            var text = Encoding.ASCII.GetString(buffer, 0, received);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var length = 0;
            foreach (var line in text[..end].Split("\r\n"))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line["Content-Length:".Length..].Trim(),
                        System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (received >= end + 4 + length)
            {
                return;
            }
        }
    }
}
