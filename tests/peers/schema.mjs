// The one schema every peer serves, so a test can run the same operation over HTTP,
// graphql-transport-ws and the legacy graphql-ws sub-protocol and compare.
//
// Each server builds a context with createContext(); resolvers read only that, never the
// transport objects directly, except the socket-closing subscriptions, which need the socket.

import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import {
  GraphQLError,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { isSendableCloseCode, terminateAfterFlush } from './sockets.mjs';

// Every stream is bounded so that a typo in a test cannot keep a server busy for minutes.
export const MaxItems = 100_000;
export const MaxTicks = 1_000_000;
export const MaxDelayMs = 60_000;

/**
 * Builds the value every resolver receives as its context.
 * @param {object} parts
 * @param {'http' | 'graphql-transport-ws' | 'graphql-ws'} parts.transport
 * @param {import('node:http').IncomingHttpHeaders} [parts.headers] HTTP request headers.
 * @param {unknown} [parts.connectionParams] The connection_init payload, as received.
 * @param {import('ws').WebSocket} [parts.socket] The WebSocket the operation runs on.
 */
export function createContext({ transport, headers, connectionParams, socket }) {
  return {
    transport,
    headers: headers ?? null,
    connectionParams,
    socket: socket ?? null,
  };
}

/**
 * Finds a value in connection params: a top-level key first, then one under `headers`,
 * both compared case-insensitively, because clients disagree on where and how to spell it.
 * @returns {unknown} The value, or undefined when neither place has the key.
 */
export function findConnectionParam(connectionParams, name) {
  const topLevel = findKeyIgnoringCase(connectionParams, name);
  if (topLevel !== undefined) {
    return topLevel;
  }
  const headers = findKeyIgnoringCase(connectionParams, 'headers');
  return findKeyIgnoringCase(headers, name);
}

function findKeyIgnoringCase(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const wanted = name.toLowerCase();
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : value[key];
}

function asNullableString(value) {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function requireRange(name, value, min, max) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new GraphQLError(`Argument ${name} must be between ${min} and ${max}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}

function requireSocket(context, field) {
  if (context.socket === null) {
    throw new GraphQLError(`${field} needs a WebSocket transport.`, {
      extensions: { code: 'PEER_ERROR' },
    });
  }
  return context.socket;
}

const nonNullInt = new GraphQLNonNull(GraphQLInt);
const nonNullString = new GraphQLNonNull(GraphQLString);

// Subscription events are the field values themselves, so every field resolves its event.
const passEventThrough = (event) => event;

const query = new GraphQLObjectType({
  name: 'Query',
  fields: {
    hello: {
      type: nonNullString,
      args: { name: { type: GraphQLString, defaultValue: 'world' } },
      resolve: (_, { name }) => `Hello, ${name}!`,
    },
    echo: {
      type: GraphQLString,
      args: { value: { type: GraphQLString } },
      resolve: (_, { value }) => value ?? null,
    },
    boom: {
      type: GraphQLString,
      resolve: () => {
        throw new GraphQLError('boom', { extensions: { code: 'PEER_ERROR' } });
      },
    },
    header: {
      type: GraphQLString,
      args: { name: { type: nonNullString } },
      resolve: (_, { name }, context) => {
        if (context.headers !== null) {
          // Node lower-cases incoming header names and joins repeated ones.
          const value = context.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : (value ?? null);
        }
        return asNullableString(findConnectionParam(context.connectionParams, name));
      },
    },
    connectionParams: {
      type: GraphQLString,
      resolve: (_, __, context) =>
        context.transport === 'http' || context.connectionParams === undefined
          ? null
          : JSON.stringify(context.connectionParams),
    },
  },
});

const mutation = new GraphQLObjectType({
  name: 'Mutation',
  fields: {
    add: {
      type: nonNullInt,
      args: { a: { type: nonNullInt }, b: { type: nonNullInt } },
      resolve: (_, { a, b }) => a + b,
    },
  },
});

const subscription = new GraphQLObjectType({
  name: 'Subscription',
  fields: {
    counter: {
      type: nonNullInt,
      args: {
        to: { type: GraphQLInt, defaultValue: 3 },
        delayMs: { type: GraphQLInt, defaultValue: 0 },
      },
      subscribe: (_, { to, delayMs }) => {
        requireRange('to', to, 0, MaxItems);
        requireRange('delayMs', delayMs, 0, MaxDelayMs);
        return countTo(to, delayMs);
      },
      resolve: passEventThrough,
    },
    tagged: {
      type: nonNullString,
      args: {
        tag: { type: nonNullString },
        count: { type: GraphQLInt, defaultValue: 3 },
      },
      subscribe: (_, { tag, count }) => {
        requireRange('count', count, 0, MaxItems);
        return tagItems(tag, count);
      },
      resolve: passEventThrough,
    },
    failAfter: {
      type: nonNullInt,
      args: { count: { type: GraphQLInt, defaultValue: 1 } },
      subscribe: (_, { count }) => {
        requireRange('count', count, 0, MaxItems);
        return failAfterItems(count);
      },
      resolve: passEventThrough,
    },
    closeAfter: {
      type: nonNullInt,
      args: {
        count: { type: GraphQLInt, defaultValue: 0 },
        code: { type: nonNullInt },
        reason: { type: GraphQLString, defaultValue: '' },
      },
      subscribe: (_, { count, code, reason }, context) => {
        requireRange('count', count, 0, MaxItems);
        if (!isSendableCloseCode(code)) {
          throw new GraphQLError(`Close code ${code} cannot be sent in a close frame.`, {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        // A close frame's reason is limited to 123 bytes; ws throws past that.
        if (Buffer.byteLength(reason ?? '') > 123) {
          throw new GraphQLError('Argument reason must be at most 123 bytes.', {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
        return closeAfterItems(requireSocket(context, 'closeAfter'), count, code, reason ?? '');
      },
      resolve: passEventThrough,
    },
    dropAfter: {
      type: nonNullInt,
      args: { count: { type: GraphQLInt, defaultValue: 0 } },
      subscribe: (_, { count }, context) => {
        requireRange('count', count, 0, MaxItems);
        return dropAfterItems(requireSocket(context, 'dropAfter'), count);
      },
      resolve: passEventThrough,
    },
    ticks: {
      type: nonNullInt,
      args: {
        count: { type: GraphQLInt, defaultValue: 100_000 },
        batch: { type: GraphQLInt, defaultValue: 1_000 },
      },
      subscribe: (_, { count, batch }) => {
        requireRange('count', count, 0, MaxTicks);
        requireRange('batch', batch, 1, MaxTicks);
        return tickItems(count, batch);
      },
      resolve: passEventThrough,
    },
  },
});

export const schema = new GraphQLSchema({ query, mutation, subscription });

async function* countTo(to, delayMs) {
  for (let i = 1; i <= to; i++) {
    if (delayMs > 0) {
      await delay(delayMs);
    }
    yield i;
  }
}

async function* tagItems(tag, count) {
  for (let i = 1; i <= count; i++) {
    yield `${tag}:${i}`;
  }
}

async function* failAfterItems(count) {
  for (let i = 1; i <= count; i++) {
    yield i;
  }
  throw new GraphQLError(`failAfter: failed after ${count} items.`, {
    extensions: { code: 'PEER_ERROR' },
  });
}

async function* closeAfterItems(socket, count, code, reason) {
  for (let i = 1; i <= count; i++) {
    yield i;
  }
  // ws queues the close frame behind the items already sent, so they arrive first.
  socket.close(code, reason);
}

async function* dropAfterItems(socket, count) {
  for (let i = 1; i <= count; i++) {
    yield i;
  }
  await terminateAfterFlush(socket);
}

async function* tickItems(count, batch) {
  for (let i = 1; i <= count; i++) {
    yield i;
    // The legacy server sends without awaiting, so without this turn it would queue every
    // item before reading a single incoming frame (a stop, a close).
    if (i % batch === 0) {
      await nextTurn();
    }
  }
}
