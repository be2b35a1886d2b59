namespace AioGraphQL.Client;

/// <summary>
/// Builds the <c>connection_init</c> payload for servers that want something other than the
/// headers; run again on every connect and reconnect, so it can fetch a fresh credential.
/// </summary>
/// <param name="context">The headers the default payload would carry, and the attempt.</param>
/// <param name="cancellationToken">Cancels the factory's own work.</param>
/// <returns>
/// The payload's entries, serialized like request variables; <see langword="null"/> sends no
/// payload.
/// </returns>
public delegate ValueTask<IReadOnlyDictionary<string, object?>?> GraphQLConnectionPayloadFactory(
    GraphQLConnectionPayloadContext context,
    CancellationToken cancellationToken);
