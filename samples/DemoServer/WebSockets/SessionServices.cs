using AioGraphQL.DemoServer.Auth;
using AioGraphQL.DemoServer.Execution;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>What every WebSocket session of one host shares.</summary>
/// <param name="Runtime">Reads requests.</param>
/// <param name="Runner">Runs operations.</param>
/// <param name="Writer">Writes protocol messages.</param>
/// <param name="Authenticator">Checks connection credentials.</param>
/// <param name="TimeProvider">Drives the initialisation timeout and keep-alive.</param>
internal sealed record SessionServices(
    GraphQLRuntime Runtime,
    OperationRunner Runner,
    ProtocolMessageWriter Writer,
    Authenticator Authenticator,
    TimeProvider TimeProvider);
