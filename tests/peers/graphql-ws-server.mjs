// graphql-ws's useServer on a ws WebSocketServer: the reference for the graphql-transport-ws
// sub-protocol. One process serves many tests, so each connection picks its behaviour from the
// query string of the URL it connects to (see README.md for the full list):
//
//   ?auth=<value>          onConnect refuses (4403) unless connection params carry
//                          Authorization equal to <value>, top-level or under `headers`
//   ?noAck=1               never acknowledge connection_init
//   ?ping=<ms>             send a graphql-transport-ws `ping` message every <ms> after the ack
//   ?expectPong=1          with ?ping, close 4408 "Pong timeout" when a ping is unanswered
//                          by the time the next one is due
//   ?noPong=1              never answer the client's `ping` messages
//   ?closeOnConnect=<code> close the socket with <code> right after the upgrade
//
//   node graphql-ws-server.mjs [--port 0] [--keepalive 12000] [--init-timeout 3000]
//                              [--ignore-stdin]

import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { listenUntilStopped, readCommandLine, rejectPlainHttp } from './cli.mjs';
import { createContext, findConnectionParam, schema } from './schema.mjs';
import {
  isSendableCloseCode,
  readFlagOption,
  readIntegerOption,
  readQueryOptions,
} from './sockets.mjs';

// Not graphql-ws's own numbers: these keep its defaults (12 s WebSocket-level pings,
// 3 s to receive connection_init) but let a test process pick others.
const options = readCommandLine({ keepalive: '12000', initTimeout: '3000' });

const BadRequestCloseCode = 4400;
const PongTimeoutCloseCode = 4408;
const MaxPingIntervalMs = 600_000;

/** Per-connection behaviour and state, keyed by the ws socket. */
const connections = new WeakMap();

const httpServer = createServer(rejectPlainHttp);
const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });

// Registered before useServer's own listener, so a socket is configured (or already closed)
// by the time graphql-ws starts handling it.
wsServer.on('connection', (socket, request) => {
  let connection;
  try {
    connection = readConnectionOptions(readQueryOptions(request));
  } catch (error) {
    socket.close(BadRequestCloseCode, error.message.slice(0, 120));
    return;
  }
  connections.set(socket, connection);
  socket.once('close', () => {
    clearInterval(connection.pingTimer);
    connection.releaseHeldHooks();
  });

  if (connection.closeOnConnect !== undefined) {
    socket.close(connection.closeOnConnect, 'closeOnConnect');
  }
});

useServer(
  {
    schema,
    connectionInitWaitTimeout: options.initTimeout,
    context: (ctx) =>
      createContext({
        transport: 'graphql-transport-ws',
        connectionParams: ctx.connectionParams,
        socket: ctx.extra.socket,
      }),
    onConnect: async (ctx) => {
      const connection = connections.get(ctx.extra.socket);
      if (connection === undefined) {
        return false;
      }
      if (connection.auth !== undefined &&
        findConnectionParam(ctx.connectionParams, 'Authorization') !== connection.auth) {
        return false;
      }
      if (connection.noAck) {
        // graphql-ws waits for onConnect before acknowledging, and its init timeout stops
        // counting once connection_init arrives, so holding the hook means no ack, ever.
        // Once the socket closes the hook answers false, which closes nothing further.
        await connection.holdUntilClosed();
        return false;
      }
      if (connection.pingIntervalMs !== undefined) {
        startPinging(ctx.extra.socket, connection);
      }
      return true;
    },
    onPing: async (ctx) => {
      const connection = connections.get(ctx.extra.socket);
      if (connection?.noPong) {
        // useServer answers a ping as soon as this hook returns and offers no way to skip the
        // pong; holding the hook until the socket closes does, since graphql-ws sends nothing
        // on a closed socket.
        await connection.holdUntilClosed();
      }
    },
    onPong: (ctx) => {
      const connection = connections.get(ctx.extra.socket);
      if (connection !== undefined) {
        connection.awaitingPong = false;
      }
    },
  },
  wsServer,
  options.keepalive,
);

function readConnectionOptions(query) {
  const closeOnConnect = readIntegerOption(query, 'closeOnConnect', 1000, 4999);
  if (closeOnConnect !== undefined && !isSendableCloseCode(closeOnConnect)) {
    throw new RangeError(`Option closeOnConnect=${closeOnConnect} is not a sendable code.`);
  }

  const held = [];
  return {
    auth: query.get('auth') ?? undefined,
    noAck: readFlagOption(query, 'noAck'),
    noPong: readFlagOption(query, 'noPong'),
    expectPong: readFlagOption(query, 'expectPong'),
    pingIntervalMs: readIntegerOption(query, 'ping', 1, MaxPingIntervalMs),
    closeOnConnect,
    pingTimer: undefined,
    awaitingPong: false,
    holdUntilClosed: () => new Promise((resolve) => held.push(resolve)),
    releaseHeldHooks: () => held.splice(0).forEach((resolve) => resolve()),
  };
}

function startPinging(socket, connection) {
  connection.pingTimer = setInterval(() => {
    if (socket.readyState !== socket.OPEN) {
      clearInterval(connection.pingTimer);
      return;
    }
    if (connection.expectPong && connection.awaitingPong) {
      clearInterval(connection.pingTimer);
      socket.close(PongTimeoutCloseCode, 'Pong timeout');
      return;
    }
    connection.awaitingPong = true;
    socket.send(JSON.stringify({ type: 'ping' }));
  }, connection.pingIntervalMs);
}

listenUntilStopped(httpServer, options, () => {
  for (const client of wsServer.clients) {
    client.terminate();
  }
});
