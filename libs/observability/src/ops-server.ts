import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

export type OpsRoutes = Record<string, (req: IncomingMessage, res: ServerResponse) => void>;

/** A bare HTTP listener for operators' routes (METRICS_PORT, the worker's health port): GET only, exact paths, 404 for the rest. */
export async function startOpsServer(host: string, port: number, routes: OpsRoutes): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]];
    if (req.method !== 'GET' || !route) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    route(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export function closeOpsServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Answers a health report as JSON: 200 when `ok`, 503 otherwise. */
export function sendHealth(res: ServerResponse, ok: boolean, body: object): void {
  res
    .writeHead(ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}
