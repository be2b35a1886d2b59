namespace AioGraphQL.Client;

/// <summary>
/// The whole wire vocabulary of the legacy <c>graphql-ws</c> sub-protocol of
/// subscriptions-transport-ws. Every message is a JSON object with a <c>type</c>, and an
/// <c>id</c> and a <c>payload</c> where the type calls for them.
/// </summary>
/// <remarks>
/// <code>
/// client → server  connection_init {payload?}   start {id, payload: request}   stop {id}
///                  connection_terminate
/// server → client  connection_ack               connection_error {payload: error}
///                  ka                           data {id, payload: result}
///                  error {id, payload: error or [errors]}   complete {id}
/// </code>
/// The server may also send <c>connection_error</c> after the acknowledgement for a message it
/// could not parse; that ends nothing.
/// </remarks>
internal static class GraphQLWsMessages
{
    /// <summary>The sub-protocol name offered in the upgrade.</summary>
    public const string SubProtocol = "graphql-ws";

    public static ReadOnlySpan<byte> ConnectionInit => "connection_init"u8;

    public static ReadOnlySpan<byte> ConnectionAck => "connection_ack"u8;

    public static ReadOnlySpan<byte> ConnectionError => "connection_error"u8;

    public static ReadOnlySpan<byte> KeepAlive => "ka"u8;

    public static ReadOnlySpan<byte> Start => "start"u8;

    public static ReadOnlySpan<byte> Data => "data"u8;

    public static ReadOnlySpan<byte> Error => "error"u8;

    public static ReadOnlySpan<byte> Complete => "complete"u8;

    public static ReadOnlySpan<byte> Stop => "stop"u8;

    public static ReadOnlySpan<byte> ConnectionTerminate => "connection_terminate"u8;
}
