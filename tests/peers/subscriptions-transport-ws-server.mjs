// subscriptions-transport-ws's SubscriptionServer: the reference for the legacy `graphql-ws`
// sub-protocol (connection_init, connection_ack, ka, start, data, error, complete, stop).
// It runs on the ws 7 copy that package depends on, not on our ws 8.
//
//   ?auth=<value>          onConnect refuses unless connection params carry Authorization equal
//                          to <value>, top-level or under `headers`: the server sends
//                          connection_error {"message":"Prohibited connection!"}, then closes
//                          with 1011 about 10 ms later
//   ?closeOnConnect=<code> close the socket with <code> right after the upgrade
//
//   node subscriptions-transport-ws-server.mjs [--port 0] [--keepalive 10000] [--ignore-stdin]
//
// --keepalive 0 turns `ka` messages off; otherwise the first comes right after the ack.

import { createServer } from 'node:http';
import { execute, subscribe } from 'graphql';
import { SubscriptionServer } from 'subscriptions-transport-ws';
import { listenUntilStopped, readCommandLine, rejectPlainHttp } from './cli.mjs';
import { createContext, findConnectionParam, schema } from './schema.mjs';
import { isSendableCloseCode, readIntegerOption, readQueryOptions } from './sockets.mjs';

const options = readCommandLine({ keepalive: '10000' });

const BadRequestCloseCode = 4400;

const httpServer = createServer(rejectPlainHttp);

const subscriptionServer = SubscriptionServer.create(
  {
    schema,
    execute,
    subscribe,
    keepAlive: options.keepalive,
    onConnect: (connectionParams, socket, connectionContext) => {
      const auth = readQueryOptions(connectionContext.request).get('auth');
      if (auth !== null && findConnectionParam(connectionParams, 'Authorization') !== auth) {
        return false;
      }
      // The returned object becomes each operation's starting context; see onOperation.
      return { connectionParams };
    },
    onOperation: (_message, params, socket) => ({
      ...params,
      context: createContext({
        transport: 'graphql-ws',
        connectionParams: params.context.connectionParams,
        socket,
      }),
    }),
  },
  { server: httpServer, path: '/graphql' },
);

// Ahead of SubscriptionServer's own listener, so it never starts on a socket closed here.
subscriptionServer.server.prependListener('connection', (socket, request) => {
  let code;
  try {
    code = readIntegerOption(readQueryOptions(request), 'closeOnConnect', 1000, 4999);
    if (code !== undefined && !isSendableCloseCode(code)) {
      throw new RangeError(`Option closeOnConnect=${code} is not a sendable code.`);
    }
  } catch (error) {
    socket.close(BadRequestCloseCode, error.message.slice(0, 120));
    return;
  }
  if (code !== undefined) {
    socket.close(code, 'closeOnConnect');
  }
});

listenUntilStopped(httpServer, options, () => {
  for (const client of subscriptionServer.server.clients) {
    client.terminate();
  }
});
