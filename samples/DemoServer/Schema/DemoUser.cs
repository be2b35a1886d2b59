namespace AioGraphQL.DemoServer.Schema;

/// <summary>The signed-in user, as the <c>me</c> field returns it.</summary>
internal sealed record DemoUser(string Id, string Login);
