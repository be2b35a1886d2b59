namespace AioGraphQL.DemoServer;

/// <summary>
/// The fixed credentials the demo server accepts; samples and tests use these to authenticate.
/// </summary>
public static class DemoCredentials
{
    /// <summary>The only user name <c>/token</c>, <c>/login</c> and Basic auth accept.</summary>
    public const string User = "alice";

    /// <summary>The password that goes with <see cref="User"/>.</summary>
    public const string Password = "wonderland";

    /// <summary>The value the server accepts in the <c>X-API-Key</c> header.</summary>
    public const string ApiKey = "demo-api-key-7f3c";

    /// <summary>The name of the session cookie that <c>/login</c> sets.</summary>
    public const string CookieName = "demo_session";
}
