namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>One operation in flight on a connection, under the id the client gave it.</summary>
internal sealed class RunningOperation
{
    /// <summary>Creates the record of an operation about to start.</summary>
    /// <param name="id">The client's id for the operation.</param>
    /// <param name="cancellation">Stops the operation; owned by the registry.</param>
    public RunningOperation(string id, CancellationTokenSource cancellation)
    {
        Id = id;
        Cancellation = cancellation;
    }

    /// <summary>The client's id for the operation.</summary>
    public string Id { get; }

    /// <summary>Fires when the client stops the operation or the connection ends.</summary>
    public CancellationToken Token => Cancellation.Token;

    /// <summary>The source behind <see cref="Token"/>.</summary>
    public CancellationTokenSource Cancellation { get; }
}
