import { DeskError, errorOf, Fetch, GraphQLClient, TokenSource } from './graphql-client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const refusal = (code: string, message = 'Refused.') => ({ errors: [{ message, extensions: { code, requestId: 'req-1' } }], data: null });

describe('errorOf', () => {
  it('is null for an answer with data and no error', () => {
    expect(errorOf(200, { data: { me: null } })).toBeNull();
  });

  it.each(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_USER_INPUT', 'TOO_MANY_REQUESTS'])(
    'keeps the API’s %s code, its message and its request id',
    (code) => {
      const error = errorOf(200, refusal(code, 'Another moderator has claimed this identity verification.'));
      expect(error).toBeInstanceOf(DeskError);
      expect(error).toMatchObject({ kind: code, message: 'Another moderator has claimed this identity verification.', requestId: 'req-1' });
    },
  );

  it('takes the code of a refusal answered with a 4xx status (body too large, bad JSON)', () => {
    expect(errorOf(413, refusal('BAD_USER_INPUT', 'The request body is larger than the 1048576 bytes allowed.'))!.kind).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('names an unknown code, or an answer that is not GraphQL, a SERVER error', () => {
    expect(errorOf(200, refusal('INTERNAL_SERVER_ERROR'))!.kind).toBe('SERVER');
    expect(errorOf(502, null)!.kind).toBe('SERVER');
    expect(errorOf(200, 'not json')!.kind).toBe('SERVER');
  });

  it('maps the HTTP status of an answer without a GraphQL error', () => {
    expect(errorOf(401, null)!.kind).toBe('UNAUTHENTICATED');
    expect(errorOf(403, {})!.kind).toBe('FORBIDDEN');
    expect(errorOf(429, null)!.kind).toBe('TOO_MANY_REQUESTS');
  });
});

describe('GraphQLClient', () => {
  function tokens(initial: string, renewed: string | null): TokenSource & { renew: jest.Mock } {
    let token = initial;
    return {
      accessToken: () => token,
      renew: jest.fn(async () => {
        if (!renewed) return false;
        token = renewed;
        return true;
      }),
    };
  }

  it('sends the bearer token and returns the data', async () => {
    const fetchImpl = jest.fn<ReturnType<Fetch>, Parameters<Fetch>>(async () => json(200, { data: { me: { id: '1' } } }));
    const client = new GraphQLClient('/graphql', fetchImpl);
    client.useTokens(tokens('access-1', null));
    expect(await client.request('{ me { id } }')).toEqual({ me: { id: '1' } });
    expect(fetchImpl.mock.calls[0][1].headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer access-1' });
  });

  it('renews an expired access token once and sends the request again with the new one', async () => {
    const fetchImpl = jest
      .fn<ReturnType<Fetch>, Parameters<Fetch>>()
      .mockResolvedValueOnce(json(200, refusal('UNAUTHENTICATED')))
      .mockResolvedValueOnce(json(200, { data: { ok: true } }));
    const client = new GraphQLClient('/graphql', fetchImpl);
    const source = tokens('old', 'new');
    client.useTokens(source);
    expect(await client.request('{ ok }')).toEqual({ ok: true });
    expect(source.renew).toHaveBeenCalledTimes(1);
    expect((fetchImpl.mock.calls[1][1].headers as Record<string, string>).Authorization).toBe('Bearer new');
  });

  it('gives up with UNAUTHENTICATED when the session cannot be renewed', async () => {
    const client = new GraphQLClient('/graphql', async () => json(200, refusal('UNAUTHENTICATED')));
    client.useTokens(tokens('old', null));
    await expect(client.request('{ ok }')).rejects.toMatchObject({ kind: 'UNAUTHENTICATED' });
  });

  it('does not renew for other refusals', async () => {
    const client = new GraphQLClient('/graphql', async () => json(200, refusal('CONFLICT')));
    const source = tokens('old', 'new');
    client.useTokens(source);
    await expect(client.request('{ ok }')).rejects.toMatchObject({ kind: 'CONFLICT', message: 'Refused.' });
    expect(source.renew).not.toHaveBeenCalled();
  });

  it('names a network failure NETWORK', async () => {
    const client = new GraphQLClient('/graphql', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(client.anonymous('{ ok }')).rejects.toMatchObject({ kind: 'NETWORK' });
  });
});
