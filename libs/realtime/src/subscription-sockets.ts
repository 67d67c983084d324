/**
 * graphql-ws on the API's port and path: who may open a socket (the access token in
 * `connectionParams.authorization`, checked by the same verifier as HTTP requests), how long it
 * stays open (until the token expires), how much one user and one socket may hold, and the same
 * parse and validation limits as HTTP for the subscription documents. Close codes: REALTIME_CLOSE.
 */
import { AccessTokenVerifier, Clock, DomainError, setViewerOf, Viewer, viewerOf } from '@marketplace/common';
import { Logger } from '@nestjs/common';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import {
  createSourceEventStream,
  execute,
  ExecutionArgs,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import type { Context, ServerOptions } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { mapEvents } from './event-streams';
import { TooManySubscriptionsError } from './realtime.errors';

/** Per instance: a client app needs one socket per user, and a subscription per thing on screen. */
export const REALTIME_LIMITS = { connectionsPerUser: 5, subscriptionsPerConnection: 50 } as const;

/** Why the API closes a subscription socket (docs/errors.md). Clients reconnect after 4401 with a fresh token. */
export const REALTIME_CLOSE = {
  /** No token, an invalid or expired one, a revoked session; or the token expired while the socket was open. */
  UNAUTHORIZED: 4401,
  /** The account is suspended. */
  FORBIDDEN: 4403,
  /** The user already holds REALTIME_LIMITS.connectionsPerUser sockets on this instance. */
  TOO_MANY_CONNECTIONS: 4429,
} as const;

export interface SubscriptionSocketsOptions {
  tokens: AccessTokenVerifier;
  clock: Clock;
  /** The HTTP endpoint's own rules (graphql-armor) and token limit, applied to subscription documents too. */
  validationRules: ValidationRule[];
  maxTokens: number;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** What resolvers find as `context.req` on a subscription: enough for the guards and `@CurrentViewer()`. */
interface SubscriptionRequest {
  headers: { authorization: string };
  ip: string | undefined;
}

interface Connection {
  request: SubscriptionRequest;
  viewer: Viewer;
  expiry: NodeJS.Timeout | undefined;
}

type SocketContext = Context<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>;

const BEARER = /^Bearer\s+(\S+)$/i;
const logger = new Logger('Subscriptions');

export function subscriptionSockets(options: SubscriptionSocketsOptions): GraphQLWsSubscriptionsConfig {
  const connections = new WeakMap<SocketContext, Connection>();
  const socketsPerUser = new Map<string, number>();
  // The HTTP path logs unexpected errors in requestIdPlugin, which sockets do not go through.
  const formatAll = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const answer = options.formatError(error.toJSON(), error.path ? error : (error.originalError ?? error));
      if (answer.extensions?.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ msg: 'Unexpected error in a subscription', path: error.path, error: error.originalError ?? error });
      }
      return answer;
    });

  const refuse = (ctx: SocketContext, code: number, reason: string): false => {
    ctx.extra.socket.close(code, reason);
    return false;
  };

  const server: Partial<ServerOptions<Record<string, unknown> | undefined, SocketContext['extra']>> = {
    async onConnect(ctx) {
      const authorization = ctx.connectionParams?.authorization;
      const token = typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
      if (!token) return refuse(ctx, REALTIME_CLOSE.UNAUTHORIZED, 'Send connectionParams { authorization: "Bearer <access token>" }');
      let viewer: Viewer | null;
      try {
        viewer = await options.tokens.viewerForAccessToken(token);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'FORBIDDEN') return refuse(ctx, REALTIME_CLOSE.FORBIDDEN, error.message);
        throw error;
      }
      if (!viewer) return refuse(ctx, REALTIME_CLOSE.UNAUTHORIZED, 'The access token is invalid or expired, or its session ended');
      const held = socketsPerUser.get(viewer.id) ?? 0;
      if (held >= REALTIME_LIMITS.connectionsPerUser) {
        return refuse(ctx, REALTIME_CLOSE.TOO_MANY_CONNECTIONS, `At most ${REALTIME_LIMITS.connectionsPerUser} sockets per user`);
      }
      socketsPerUser.set(viewer.id, held + 1);
      const request: SubscriptionRequest = { headers: { authorization: `Bearer ${token}` }, ip: ctx.extra.request.socket.remoteAddress };
      setViewerOf(request, viewer);
      const expiresAt = expiryOf(token);
      const expiry =
        expiresAt === undefined
          ? undefined
          : setTimeout(
              () => ctx.extra.socket.close(REALTIME_CLOSE.UNAUTHORIZED, 'The access token expired: reconnect with a fresh one'),
              Math.max(0, expiresAt - options.clock.now().getTime()),
            );
      connections.set(ctx, { request, viewer, expiry });
      return true;
    },

    onClose(ctx) {
      const connection = connections.get(ctx);
      if (!connection) return;
      connections.delete(ctx);
      clearTimeout(connection.expiry);
      const held = (socketsPerUser.get(connection.viewer.id) ?? 1) - 1;
      if (held > 0) socketsPerUser.set(connection.viewer.id, held);
      else socketsPerUser.delete(connection.viewer.id);
    },

    // Parsed and checked here first: graphql-ws would close the socket on a syntax error, and knows no token limit.
    onSubscribe(ctx, _id, payload) {
      // graphql-ws lists this one already, and forgets each subscription when it ends, however it ends.
      if (Object.keys(ctx.subscriptions).length > REALTIME_LIMITS.subscriptionsPerConnection) {
        const refusal = new TooManySubscriptionsError(REALTIME_LIMITS.subscriptionsPerConnection);
        return [new GraphQLError(refusal.message, { originalError: refusal })];
      }
      let operation;
      try {
        operation = getOperationAST(parse(payload.query, { maxTokens: options.maxTokens }), payload.operationName);
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
      }
      if (operation?.operation !== 'subscription') {
        return [new GraphQLError('Only subscriptions are served over the WebSocket: send queries and mutations over HTTP.')];
      }
      return undefined;
    },

    validate: (schema: GraphQLSchema, document) => validate(schema, document, [...specifiedRules, ...options.validationRules]),

    context: (ctx) => ({ req: connections.get(ctx)!.request }),

    // graphql-js runs every event with the subscription's one context, and the request's DataLoaders
    // would answer later events from the first one's cache: each event gets a request of its own.
    subscribe: async (args: ExecutionArgs) => {
      const stream = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in stream)) return stream;
      const { req } = args.contextValue as { req: SubscriptionRequest };
      return mapEvents(stream[Symbol.asyncIterator](), (event) =>
        Promise.resolve(execute({ ...args, rootValue: event, contextValue: { req: eventRequestOf(req) } })),
      );
    },

    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : undefined),

    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
  };
  // Nest's type names a few of graphql-ws's options; it passes all of them on.
  return server as GraphQLWsSubscriptionsConfig;
}

function eventRequestOf(request: SubscriptionRequest): SubscriptionRequest {
  const copy = { ...request };
  const viewer = viewerOf(request);
  if (viewer) setViewerOf(copy, viewer);
  return copy;
}

/** When a verified access token expires, in epoch milliseconds (its `exp` claim). */
function expiryOf(token: string): number | undefined {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp?: number };
  return claims.exp === undefined ? undefined : claims.exp * 1000;
}
