// graphql-http's own handler on Node's http module: the reference for the GraphQL over HTTP
// spec's status codes and media types.
//
//   node graphql-http-server.mjs [--port 0] [--ignore-stdin]

import { createServer } from 'node:http';
import { createHandler } from 'graphql-http/lib/use/http';
import { readCommandLine, listenUntilStopped } from './cli.mjs';
import { createContext, schema } from './schema.mjs';

const options = readCommandLine({});

const handle = createHandler({
  schema,
  context: (request) => createContext({ transport: 'http', headers: request.raw.headers }),
});

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== '/graphql') {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found.\n');
    return;
  }
  handle(request, response);
});

listenUntilStopped(server, options);
