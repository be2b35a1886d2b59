using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>Settings of a GraphQL client; read once when the client is built.</summary>
public sealed class GraphQLClientOptions
{
    /// <summary>The default <see cref="Timeout"/>: 100 seconds, as for <see cref="HttpClient"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The default <see cref="MaxResponseBytes"/>: 16 MiB.</summary>
    public const long DefaultMaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>The GraphQL endpoint, such as <c>https://api.example.com/graphql</c>.</summary>
    /// <value>No default: the client refuses to start without one.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Headers sent with every request and in every WebSocket connection payload.</summary>
    /// <value>Empty.</value>
    public GraphQLHeaders Headers { get; set; } = new();

    /// <summary>How queries are sent unless a call says otherwise.</summary>
    /// <value><see cref="GraphQLHttpMethod.Post"/>.</value>
    public GraphQLHttpMethod DefaultMethod { get; set; } = GraphQLHttpMethod.Post;

    /// <summary>
    /// How long one HTTP request may take, connection to last byte; a call may override it.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables the limit.
    /// </summary>
    /// <value>100 seconds (<see cref="DefaultTimeout"/>).</value>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The largest response body accepted; a larger one fails without being kept.</summary>
    /// <value>16 MiB (<see cref="DefaultMaxResponseBytes"/>).</value>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// Supplies the authorization header for every HTTP request and WebSocket (re)connect, and
    /// a fresh value once when the server refuses one. Headers the request or the call set
    /// explicitly take precedence over it; it takes precedence over the client's defaults.
    /// </summary>
    /// <value><see langword="null"/>: no provider.</value>
    public GraphQLAuthorizationProvider? AuthorizationProvider { get; set; }

    /// <summary>The header the <see cref="AuthorizationProvider"/>'s value goes in.</summary>
    /// <value><c>Authorization</c> (<see cref="GraphQLAuth.AuthorizationHeader"/>).</value>
    public string AuthorizationHeaderName { get; set; } = GraphQLAuth.AuthorizationHeader;

    /// <summary>
    /// Serializer settings for variables and extensions. A trimmed or native-AOT app sets one
    /// whose <see cref="JsonSerializerOptions.TypeInfoResolver"/> is source-generated.
    /// </summary>
    /// <value>Web defaults (camelCase) with reflection.</value>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>Settings of the WebSocket transport that carries subscriptions.</summary>
    /// <value>Defaults: both sub-protocols, the URL derived from <see cref="Endpoint"/>.</value>
    public GraphQLWebSocketOptions WebSocket { get; set; } = new();

    /// <summary>The clock for timeouts, keep-alive and back-off; tests substitute a fake one.</summary>
    /// <value><see cref="System.TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
