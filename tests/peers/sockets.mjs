// Socket-level helpers shared by the WebSocket peers (ws 8 for graphql-ws, the ws 7 copy that
// subscriptions-transport-ws brings for the legacy server); both expose the same API used here.

import { setTimeout as delay } from 'node:timers/promises';

const FlushPollMs = 5;
const FlushPollLimit = 400;

/**
 * Tells whether a close code may travel in a close frame. 1004-1006 are reserved and ws
 * throws on them, as it does on anything outside 1000-1014 and 3000-4999.
 * @param {number} code
 */
export function isSendableCloseCode(code) {
  const standard = code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 &&
    code !== 1006;
  return Number.isInteger(code) && (standard || (code >= 3000 && code <= 4999));
}

/**
 * Destroys the TCP connection without a close frame, so the client sees an abnormal closure
 * (1006), but only once the frames already sent have left the process: destroying a socket
 * drops whatever is still queued in it.
 * @param {import('ws').WebSocket} socket
 */
export async function terminateAfterFlush(socket) {
  // Bounded at FlushPollLimit * FlushPollMs (2 s); a client that stops reading gets the drop
  // anyway, with some items lost.
  for (let attempt = 0; attempt < FlushPollLimit && socket.bufferedAmount > 0; attempt++) {
    await delay(FlushPollMs);
  }
  socket.terminate();
}

/**
 * Reads the peer options a test put on the WebSocket URL's query string.
 * @param {import('node:http').IncomingMessage} request The upgrade request.
 * @returns {URLSearchParams}
 */
export function readQueryOptions(request) {
  // Only the query string matters; the base just makes the relative URL parseable.
  return new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
}

/**
 * Parses an integer option, giving undefined when absent and throwing a RangeError (reported
 * to the client as a 4400 close) when present but out of range.
 * @param {URLSearchParams} options
 * @param {string} name
 * @param {number} min
 * @param {number} max
 */
export function readIntegerOption(options, name, min, max) {
  const raw = options.get(name);
  if (raw === null) {
    return undefined;
  }
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Option ${name} must be an integer between ${min} and ${max}.`);
  }
  return value;
}

/**
 * Reads a flag option: present as `1` or `true` means on.
 * @param {URLSearchParams} options
 * @param {string} name
 */
export function readFlagOption(options, name) {
  const raw = options.get(name);
  return raw === '1' || raw === 'true';
}
