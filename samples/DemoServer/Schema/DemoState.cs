namespace AioGraphQL.DemoServer.Schema;

/// <summary>The little state the mutations change, shared by every client of one host.</summary>
internal sealed class DemoState
{
    private string _greeting = "Hello";

    /// <summary>The greeting last set with <c>setGreeting</c>.</summary>
    public string Greeting
    {
        get => Volatile.Read(ref _greeting);
        set => Volatile.Write(ref _greeting, value);
    }

    /// <summary>Where <c>addMessage</c> publishes and <c>messages</c> listens.</summary>
    public MessageBus Messages { get; } = new();
}
