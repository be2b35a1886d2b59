namespace AioGraphQL.DemoServer.Auth;

/// <summary>
/// The outcome of checking a request's credentials: a viewer (possibly anonymous), or a
/// rejection because a credential was presented but is wrong or expired.
/// </summary>
internal sealed class AuthResult
{
    private AuthResult(Viewer? viewer, string? failureMessage)
    {
        Viewer = viewer;
        FailureMessage = failureMessage;
    }

    /// <summary>The result for a request without any credential.</summary>
    public static AuthResult Anonymous { get; } = new(Viewer.Anonymous, null);

    /// <summary>The authenticated (or anonymous) caller; null when rejected.</summary>
    public Viewer? Viewer { get; }

    /// <summary>Why the credential was rejected, safe to show callers; null if accepted.</summary>
    public string? FailureMessage { get; }

    /// <summary>Accepts the demo user, recording how they proved who they are.</summary>
    public static AuthResult Accept(string authMethod) =>
        new(new Viewer(DemoCredentials.User, authMethod), null);

    /// <summary>Rejects a presented credential; the message must never hold the secret.</summary>
    public static AuthResult Reject(string failureMessage) => new(null, failureMessage);
}
