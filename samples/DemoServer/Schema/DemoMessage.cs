namespace AioGraphQL.DemoServer.Schema;

/// <summary>A message added with <c>addMessage</c> and delivered to <c>messages</c>.</summary>
internal sealed record DemoMessage(string Id, string Text);
