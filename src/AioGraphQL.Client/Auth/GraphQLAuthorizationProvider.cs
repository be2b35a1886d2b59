namespace AioGraphQL.Client;

/// <summary>
/// Supplies the authorization header value for each HTTP request and each WebSocket
/// (re)connect. Return <see langword="null"/> to send none.
/// </summary>
/// <param name="context">Why the value is wanted, and on a refresh what was refused.</param>
/// <param name="cancellationToken">Cancels the provider's own work.</param>
/// <returns>The full header value, such as <c>Bearer eyJ…</c>, or null.</returns>
public delegate ValueTask<string?> GraphQLAuthorizationProvider(
    GraphQLAuthorizationContext context,
    CancellationToken cancellationToken);
