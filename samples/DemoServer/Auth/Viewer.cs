namespace AioGraphQL.DemoServer.Auth;

/// <summary>Who is calling and which credential proved it.</summary>
/// <param name="Login">The user's login, or <c>anonymous</c>.</param>
/// <param name="AuthMethod">One of <c>bearer</c>, <c>basic</c>, <c>apikey</c>, <c>cookie</c>
/// or <c>none</c>.</param>
internal sealed record Viewer(string Login, string AuthMethod)
{
    /// <summary>The viewer of a request that carried no credentials at all.</summary>
    public static Viewer Anonymous { get; } = new("anonymous", "none");

    /// <summary>Whether no credential was presented.</summary>
    public bool IsAnonymous => AuthMethod == Anonymous.AuthMethod;
}
