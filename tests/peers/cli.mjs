// Start-up and shut-down shared by every peer: a test host reads exactly one stdout line,
// `LISTENING <port>`, and the peer must never outlive that host.

import { parseArgs } from 'node:util';

// stdout carries only the LISTENING line, which the test host parses; any library that logs
// through console goes to stderr instead, where NodePeer keeps it for failure messages.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

/**
 * Parses the command line. Unknown options end the process with exit code 2.
 * @param {object} defaults Default values by option name, as strings for the numeric ones.
 * @returns {{ port: number, keepalive: number, initTimeout: number, ignoreStdin: boolean }}
 */
export function readCommandLine(defaults) {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        keepalive: { type: 'string', default: defaults.keepalive ?? '0' },
        'init-timeout': { type: 'string', default: defaults.initTimeout ?? '0' },
        'ignore-stdin': { type: 'boolean', default: false },
      },
      strict: true,
    });
    return {
      port: parseWholeNumber('--port', values.port, 65535),
      keepalive: parseWholeNumber('--keepalive', values.keepalive, 3_600_000),
      initTimeout: parseWholeNumber('--init-timeout', values['init-timeout'], 3_600_000),
      ignoreStdin: values['ignore-stdin'],
    };
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

function parseWholeNumber(name, raw, max) {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer between 0 and ${max}.`);
  }
  return value;
}

/**
 * Listens on 127.0.0.1 only, announces the port, and exits on SIGTERM, SIGINT or when
 * stdin closes.
 * @param {import('node:http').Server} server
 * @param {{ port: number, ignoreStdin: boolean }} options
 * @param {() => void} [closeSockets] Ends open WebSockets before the process exits.
 */
export function listenUntilStopped(server, options, closeSockets) {
  let stopping = false;
  const stop = (exitCode) => {
    if (stopping) {
      return;
    }
    stopping = true;
    try {
      closeSockets?.();
      server.close();
    } catch (error) {
      // The process exits next anyway; the message only helps whoever reads stderr.
      process.stderr.write(`Error while stopping: ${error.message}\n`);
    }
    process.exit(exitCode);
  };

  process.once('SIGTERM', () => stop(0));
  process.once('SIGINT', () => stop(0));
  if (!options.ignoreStdin) {
    // The test host keeps our stdin open; it closes when the host exits, even by crashing.
    process.stdin.on('end', () => stop(0));
    process.stdin.on('error', () => stop(0));
    process.stdin.resume();
  }

  server.on('error', (error) => {
    process.stderr.write(`Server error: ${error.stack ?? error.message}\n`);
    stop(1);
  });
  server.listen(options.port, '127.0.0.1', () => {
    process.stdout.write(`LISTENING ${server.address().port}\n`);
  });
}

/**
 * Answers plain HTTP requests on a WebSocket-only server: 426 on the GraphQL path, 404
 * elsewhere.
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
export function rejectPlainHttp(request, response) {
  const path = (request.url ?? '/').split('?')[0];
  const status = path === '/graphql' ? 426 : 404;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(status === 426 ? 'Use a WebSocket.\n' : 'Not found.\n');
}
