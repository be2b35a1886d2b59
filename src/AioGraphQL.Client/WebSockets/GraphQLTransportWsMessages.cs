namespace AioGraphQL.Client;

/// <summary>
/// The whole wire vocabulary of <c>graphql-transport-ws</c> (the graphql-ws library's
/// protocol). Every message is a JSON object with a <c>type</c>, and an <c>id</c> and a
/// <c>payload</c> where the type calls for them.
/// </summary>
/// <remarks>
/// <code>
/// client → server  connection_init {payload?}      subscribe {id, payload: request}
///                  complete {id}                   ping {payload?}   pong {payload?}
/// server → client  connection_ack {payload?}       next {id, payload: result}
///                  error {id, payload: [errors]}   complete {id}
///                  ping {payload?}                 pong {payload?}
/// </code>
/// The server ends the connection with a close code (4400, 4401, 4403, 4406, 4408, 4409,
/// 4429); the client closes with 1000.
/// </remarks>
internal static class GraphQLTransportWsMessages
{
    /// <summary>The sub-protocol name offered in the upgrade.</summary>
    public const string SubProtocol = "graphql-transport-ws";

    public static ReadOnlySpan<byte> ConnectionInit => "connection_init"u8;

    public static ReadOnlySpan<byte> ConnectionAck => "connection_ack"u8;

    public static ReadOnlySpan<byte> Ping => "ping"u8;

    public static ReadOnlySpan<byte> Pong => "pong"u8;

    public static ReadOnlySpan<byte> Subscribe => "subscribe"u8;

    public static ReadOnlySpan<byte> Next => "next"u8;

    public static ReadOnlySpan<byte> Error => "error"u8;

    public static ReadOnlySpan<byte> Complete => "complete"u8;

    /// <summary>The close code the protocol gives to an invalid message.</summary>
    public const int BadRequestCloseStatus = 4400;
}
