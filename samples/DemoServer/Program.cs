using System.Globalization;
using System.Runtime.InteropServices;

namespace AioGraphQL.DemoServer;

/// <summary>
/// Runs the demo server on its own: <c>dotnet run --project samples/DemoServer -- --port 5000</c>
/// prints the endpoints and serves until Ctrl+C.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!TryReadPort(args, out var port))
        {
            await Console.Error.WriteLineAsync("Usage: DemoServer [--port <0-65535>] (0 = any)");
            return 2;
        }

        DemoServerHost host;
        try
        {
            host = await DemoServerHost.StartAsync(new DemoServerOptions { Port = port });
        }
        catch (IOException exception)
        {
            await Console.Error.WriteLineAsync($"Could not start: {exception.Message}");
            return 1;
        }

        await using var running = host;
        Console.WriteLine($"Demo GraphQL server listening on {host.Endpoint}");
        Console.WriteLine($"  WebSocket:     {host.WebSocketEndpoint}");
        Console.WriteLine($"  200-on-auth:   {host.Endpoint200}");
        Console.WriteLine($"  Token:         POST {host.BaseAddress}token");
        Console.WriteLine($"  Login:         POST {host.BaseAddress}login");
        Console.WriteLine("Press Ctrl+C to stop.");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await stop.Task;
        Console.WriteLine("Stopping.");
        return 0;

        void OnSignal(PosixSignalContext context)
        {
            // Cancelling the default handling lets the host shut down cleanly instead of the
            // process ending on the spot.
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    private static bool TryReadPort(string[] args, out int port)
    {
        port = 0;
        for (var index = 0; index < args.Length; index++)
        {
            const string Inline = "--port=";
            var value = args[index] switch
            {
                "--port" when index + 1 < args.Length => args[++index],
                var arg when arg.StartsWith(Inline, StringComparison.Ordinal) =>
                    arg[Inline.Length..],
                _ => null,
            };
            if (value is null
                || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port > 65535)
            {
                return false;
            }
        }

        return true;
    }
}
