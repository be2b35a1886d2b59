using AioGraphQL.DemoServer.Auth;
using GraphQL;

namespace AioGraphQL.DemoServer.Execution;

/// <summary>
/// What resolvers know about the caller of one operation: the authenticated viewer and the
/// headers that arrived with the request or connection.
/// </summary>
internal sealed class DemoUserContext : Dictionary<string, object?>
{
    /// <summary>Creates the context for one operation.</summary>
    public DemoUserContext(Viewer viewer, RequestHeaders headers)
    {
        Viewer = viewer;
        Headers = headers;
    }

    /// <summary>Who is calling; anonymous when no credential was presented.</summary>
    public Viewer Viewer { get; }

    /// <summary>The headers <c>echoHeader</c> and <c>headers</c> report.</summary>
    public RequestHeaders Headers { get; }

    /// <summary>Gets the demo context of the operation a field belongs to.</summary>
    public static DemoUserContext Of(IResolveFieldContext context) =>
        context.UserContext as DemoUserContext
        ?? throw new InvalidOperationException("The operation has no demo user context.");
}
