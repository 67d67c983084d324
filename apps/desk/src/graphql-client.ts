/**
 * The desk's only way to the API: POST /graphql with the session's bearer token. Every failure
 * becomes a DeskError with one of the API's codes (or NETWORK / SERVER), so that pages show one
 * clear message and the session learns when it has expired.
 */

export const ERROR_KINDS = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_USER_INPUT',
  'TOO_MANY_REQUESTS',
  'NETWORK',
  'SERVER',
] as const;
export type DeskErrorKind = (typeof ERROR_KINDS)[number];

export class DeskError extends Error {
  constructor(
    readonly kind: DeskErrorKind,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorBody {
  message?: unknown;
  extensions?: { code?: unknown; requestId?: unknown };
}

const HTTP_KINDS: Record<number, DeskErrorKind> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'BAD_USER_INPUT',
  429: 'TOO_MANY_REQUESTS',
};

function isKind(code: unknown): code is DeskErrorKind {
  return typeof code === 'string' && (ERROR_KINDS as readonly string[]).includes(code);
}

/** The error an answer carries (its first GraphQL error, else its HTTP status), or null for a good answer. */
export function errorOf(status: number, body: unknown): DeskError | null {
  const errors = (body as { errors?: GraphQLErrorBody[] } | null)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  if (first) {
    const code = first.extensions?.code;
    const requestId = typeof first.extensions?.requestId === 'string' ? first.extensions.requestId : undefined;
    const message = typeof first.message === 'string' ? first.message : 'The API refused the request.';
    return new DeskError(isKind(code) ? code : 'SERVER', message, requestId);
  }
  if (status >= 200 && status < 300 && body && typeof body === 'object' && 'data' in body) return null;
  return new DeskError(HTTP_KINDS[status] ?? 'SERVER', `The API answered HTTP ${status}.`);
}

export interface TokenSource {
  /** The access token to send, or null when signed out. */
  accessToken(): string | null;
  /** Called on UNAUTHENTICATED: true when a new access token is there to retry with. */
  renew(): Promise<boolean>;
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export class GraphQLClient {
  private tokens: TokenSource | null = null;

  constructor(
    private readonly endpoint: string,
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {}

  /** The session the client signs its requests with (set once, after both exist). */
  useTokens(tokens: TokenSource): void {
    this.tokens = tokens;
  }

  /** A query or mutation as the signed-in moderator; an expired access token is renewed once, then the request sent again. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    try {
      return await this.send<T>(query, variables, this.tokens?.accessToken() ?? null);
    } catch (error) {
      if (!(error instanceof DeskError) || error.kind !== 'UNAUTHENTICATED' || !this.tokens || !(await this.tokens.renew())) throw error;
      return this.send<T>(query, variables, this.tokens.accessToken());
    }
  }

  /** A request without a token (login, refreshSession). */
  anonymous<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>(query, variables, null);
  }

  /** A file the API serves to moderators with the same bearer token (identity documents). */
  async download(path: string): Promise<Blob> {
    const attempt = () =>
      this.fetchImpl(path, { headers: this.authorization(this.tokens?.accessToken() ?? null) }).catch(() => {
        throw new DeskError('NETWORK', 'The API cannot be reached.');
      });
    let response = await attempt();
    if (response.status === 401 && this.tokens && (await this.tokens.renew())) response = await attempt();
    if (!response.ok) throw errorOf(response.status, await response.json().catch(() => null))!;
    return response.blob();
  }

  private async send<T>(query: string, variables: Record<string, unknown>, token: string | null): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...this.authorization(token) },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new DeskError('NETWORK', 'The API cannot be reached.');
    }
    const body: unknown = await response.json().catch(() => null);
    const error = errorOf(response.status, body);
    if (error) throw error;
    return (body as { data: T }).data;
  }

  private authorization(token: string | null): Record<string, string> {
    return token ? { Authorization: `Bearer ${token}` } : {};
  }
}
