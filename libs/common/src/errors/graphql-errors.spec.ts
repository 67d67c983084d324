import { BadRequestException, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { BadUserInputError, ConflictError, TooManyRequestsError } from './domain-error';
import type { Request, Response } from 'express';
import { requestContextMiddleware } from '../request/request-context';
import { formatGraphQLError, requestIdPlugin } from './graphql-errors';
import { pathOfInvalidText } from './validation';

function format(error: Error, formatted: Partial<GraphQLError> = {}) {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ['field'], ...formatted });
  return formatGraphQLError({ message: error.message, path: ['field'], extensions: formatted.extensions }, wrapped);
}

describe('formatGraphQLError', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('gives a domain error its code, message and safe details', () => {
    const formatted = format(new BadUserInputError('Invalid input.', [{ field: 'email', message: 'must be an email' }]));
    expect(formatted).toMatchObject({
      message: 'Invalid input.',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'email', message: 'must be an email' }] },
    });
    expect(format(new TooManyRequestsError('Slow down.', 60)).extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 60,
    });
    expect(format(new ConflictError('Taken.')).extensions?.code).toBe('CONFLICT');
  });

  it('maps HTTP exceptions by status', () => {
    expect(format(new BadRequestException('nope')).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("turns Apollo's malformed-request codes into BAD_USER_INPUT", () => {
    const formatted = formatGraphQLError(
      { message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError('Syntax Error'),
    );
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });

  it('answers a unique-index race with CONFLICT', () => {
    expect(
      format(Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), { code: '23505' })).extensions
        ?.code,
    ).toBe('CONFLICT');
  });

  it('hides anything unexpected', () => {
    const formatted = format(new TypeError('Cannot read properties of undefined (reading "secret")'));
    expect(formatted.message).toBe('Internal server error.');
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(formatted)).not.toMatch(/secret|TypeError/);
  });
});

describe('requestIdPlugin', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it("logs the unexpected errors, and only them, with the request's id, and puts the id in every error answered", async () => {
    const req = { header: () => 'trace-from-the-edge-1' } as unknown as Request;
    requestContextMiddleware(req, { setHeader: () => undefined } as unknown as Response, () => undefined);
    const listener = (await requestIdPlugin.requestDidStart!({ contextValue: { req } } as never))!;
    const unexpected = new GraphQLError('boom', { originalError: new TypeError('secret'), path: ['field'] });
    const expected = new GraphQLError('Taken.', { originalError: new ConflictError('Taken.'), path: ['other'] });
    await listener.didEncounterErrors!({ errors: [unexpected, expected] } as never);
    expect(Logger.prototype.error).toHaveBeenCalledTimes(1);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.objectContaining({
        requestId: 'trace-from-the-edge-1',
        path: ['field'],
        error: expect.objectContaining({ message: 'secret' }),
      }),
    );

    const response = { body: { kind: 'single', singleResult: { errors: [{ message: 'Taken.', extensions: { code: 'CONFLICT' } }] } } };
    await listener.willSendResponse!({ response } as never);
    expect(response.body.singleResult.errors[0].extensions).toEqual({ code: 'CONFLICT', requestId: 'trace-from-the-edge-1' });
  });
});

describe('text that is not text, in arguments', () => {
  it('are found wherever they hide, with the path of the field', () => {
    expect(pathOfInvalidText('fine', 'text')).toBeNull();
    expect(pathOfInvalidText('bad\u0000', 'text')).toBe('text');
    expect(pathOfInvalidText({ location: { address: 'a\u0000b' } }, 'input')).toBe('input.location.address');
    expect(pathOfInvalidText({ ids: ['ok', '\u0000'] }, 'input')).toBe('input.ids.1');
    expect(pathOfInvalidText({ count: 3, when: new Date(0), nothing: null }, 'input')).toBeNull();
    expect(pathOfInvalidText('a lone \ud800 surrogate', 'email')).toBe('email');
    expect(pathOfInvalidText('a trailing \udc00', 'email')).toBe('email');
    expect(pathOfInvalidText('an emoji 👩‍👩‍👧 is fine', 'email')).toBeNull();
  });
});
