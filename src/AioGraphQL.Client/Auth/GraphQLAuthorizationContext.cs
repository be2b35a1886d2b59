namespace AioGraphQL.Client;

/// <summary>
/// What the client tells an authorization provider when it asks for a header value.
/// </summary>
public sealed class GraphQLAuthorizationContext
{
    internal static readonly GraphQLAuthorizationContext HttpRequest = new(
        GraphQLAuthorizationTrigger.HttpRequest,
        refusedValue: null);

    internal static readonly GraphQLAuthorizationContext WebSocketConnect = new(
        GraphQLAuthorizationTrigger.WebSocketConnect,
        refusedValue: null);

    internal GraphQLAuthorizationContext(GraphQLAuthorizationTrigger trigger, string? refusedValue)
    {
        Trigger = trigger;
        RefusedValue = refusedValue;
    }

    /// <summary>Why the client is asking.</summary>
    public GraphQLAuthorizationTrigger Trigger { get; }

    /// <summary>
    /// On a refresh, the value the server just refused, so a provider can drop it from its
    /// cache; <see langword="null"/> otherwise.
    /// </summary>
    public string? RefusedValue { get; }

    /// <summary>Whether a fresh credential is wanted because the last one was refused.</summary>
    public bool IsRefresh => Trigger == GraphQLAuthorizationTrigger.Refused;
}
