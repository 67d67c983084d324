/**
 * The one place where any error becomes a GraphQL error response. Clients only ever see the
 * contract's codes; anything unexpected is logged with the request id and answered without
 * internals.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { noteGraphQLOperation, requestIdOf } from '../request/request-context';
import { DomainError, ErrorCode } from './domain-error';

export type ResponseErrorCode = ErrorCode | 'INTERNAL_SERVER_ERROR';

/** Apollo's own codes for requests that are malformed: all of them are bad input to our clients. */
const MALFORMED_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const logger = new Logger('GraphQL');

export function codeForHttpStatus(status: number): ResponseErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return status >= 400 && status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
  }
}

/** Apollo's `formatError`: the answer a client sees. The request id is added by `requestIdPlugin`. */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return answerFor(formatted, error).answer;
}

/** graphql-js ends a message with its guesses: field, argument, type, input field and enum value names. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * In production, errors name nothing the client did not write: with introspection off, "Did you
 * mean" would hand out the schema one guess at a time (in queries and in variables alike).
 */
export function withoutSuggestions(format: typeof formatGraphQLError): typeof formatGraphQLError {
  return (formatted, error) => {
    const answer = format(formatted, error);
    return { ...answer, message: answer.message.replace(SUGGESTION, '').trim() };
  };
}

/**
 * Names the request in every error answered (`extensions.requestId`, as the X-Request-Id header),
 * and logs the errors that were not expected, with that id: Apollo's `formatError` has no access
 * to the request, a plugin does. It also notes the operation's name, type and answered error
 * codes for the request's log line.
 */
export const requestIdPlugin: ApolloServerPlugin<{ req: IncomingMessage }> = {
  async requestDidStart({ contextValue }) {
    const requestId = requestIdOf(contextValue.req);
    return {
      async didResolveOperation({ operationName, operation }) {
        noteGraphQLOperation(contextValue.req, { operationName: operationName ?? undefined, operationType: operation?.operation });
      },
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          const { problem } = answerFor(error.toJSON(), error);
          if (problem) logger[problem.level]({ ...problem.entry, requestId });
        }
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const { errors } = response.body.singleResult;
        noteGraphQLOperation(contextValue.req, { errorCodes: errors.map((error) => String(error.extensions?.code)) });
        response.body.singleResult.errors = errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId } }));
      },
    };
  },
};

interface Answer {
  answer: GraphQLFormattedError;
  /** What to log about an error the API should not have met. */
  problem?: { level: 'warn' | 'error'; entry: Record<string, unknown> };
}

function answerFor(formatted: GraphQLFormattedError, error: unknown): Answer {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return { answer: { ...base, message: original.message, extensions: { code: original.code, ...original.extensions() } } };
  }
  if (original instanceof HttpException && original.getStatus() < 500) {
    return { answer: { ...base, message: original.message, extensions: { code: codeForHttpStatus(original.getStatus()) } } };
  }
  if (isUniqueViolation(original)) {
    return { answer: { ...base, message: 'This conflicts with data that already exists.', extensions: { code: 'CONFLICT' } } };
  }
  if (isDataRejectedByTheDatabase(original)) {
    // A safety net: validation should have refused this input before the database did.
    return {
      answer: { ...base, message: 'Invalid input.', extensions: { code: 'BAD_USER_INPUT' } },
      problem: {
        level: 'warn',
        entry: { msg: 'Input refused by the database, not by validation', path: formatted.path, code: (original as { code: string }).code },
      },
    };
  }
  const apolloCode = formatted.extensions?.code;
  if (typeof apolloCode === 'string' && MALFORMED_REQUEST_CODES.has(apolloCode)) {
    return { answer: { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT', reason: apolloCode } } };
  }
  if (original instanceof GraphQLError && !original.originalError && !original.path) {
    // graphql-js or Apollo refusing the request itself (a subscription, a persisted-query hash that does not match…).
    return { answer: { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } } };
  }
  return {
    answer: { ...base, message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    problem: {
      level: 'error',
      entry: {
        msg: 'Unexpected error while answering a GraphQL request',
        path: formatted.path,
        error: original instanceof Error ? original : String(original),
      },
    },
  };
}

/**
 * PostgreSQL refusing a value: data exceptions (class 22: out of range, bad text representation…),
 * NOT NULL and CHECK violations.
 */
function isDataRejectedByTheDatabase(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('22') || code === '23502' || code === '23514');
}

/** A race that the service's own checks could not see, caught by a unique index. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
