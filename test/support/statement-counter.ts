import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Client } from 'pg';

export interface CountedStatement {
  text: string;
  values: unknown[];
}

/** TypeORM loads `pg` with require: its connections are instances of this very Client class. */
const pgClient = Client.prototype as unknown as { query: (this: Client, ...args: unknown[]) => unknown };

/**
 * Counts the SQL statements sent to PostgreSQL on behalf of one HTTP request, for the test and the
 * bench that hold every GraphQL request to a bounded number of statements. The API keeps no async
 * context of its own (see requestContextMiddleware), so this wraps the server's request handling in
 * an AsyncLocalStorage keyed by X-Request-Id: statements are told apart by the request they serve
 * (not the worker's, nor another request's), not by when they ran.
 */
export class StatementCounter {
  private readonly requests = new AsyncLocalStorage<string>();
  private readonly handlers: ((req: IncomingMessage, res: ServerResponse) => void)[];
  private readonly originalQuery = pgClient.query;
  private readonly counting = new Map<string, CountedStatement[]>();

  constructor(private readonly server: Server) {
    this.handlers = server.listeners('request') as StatementCounter['handlers'];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const requestId = req.headers['x-request-id'];
      const handle = () => this.handlers.forEach((handler) => handler.call(server, req, res));
      if (typeof requestId === 'string' && this.counting.has(requestId)) this.requests.run(requestId, handle);
      else handle();
    });
    const { requests, counting, originalQuery } = this;
    pgClient.query = function (this: Client, ...args: unknown[]) {
      const requestId = requests.getStore();
      if (requestId !== undefined) counting.get(requestId)?.push(statementOf(args));
      return originalQuery.apply(this, args);
    };
  }

  /** Sends one request (`send` must set the X-Request-Id header to the id it is given) and gives the statements it ran. */
  async count<T>(requestId: string, send: () => Promise<T>): Promise<{ result: T; statements: CountedStatement[] }> {
    const statements: CountedStatement[] = [];
    this.counting.set(requestId, statements);
    try {
      return { result: await send(), statements };
    } finally {
      this.counting.delete(requestId);
    }
  }

  /** Puts the server's handlers and pg back as they were. */
  detach(): void {
    pgClient.query = this.originalQuery;
    this.server.removeAllListeners('request');
    for (const handler of this.handlers) this.server.on('request', handler);
  }
}

/** `query(text, values)` or `query({ text, values })`. */
function statementOf([first, second]: unknown[]): CountedStatement {
  if (typeof first === 'string') return { text: first, values: Array.isArray(second) ? second : [] };
  const config = first as { text?: string; values?: unknown[] };
  return { text: String(config?.text), values: config?.values ?? [] };
}
