/**
 * A TCP relay in front of the Stripe emulator that can hold the next requests back for a while:
 * a Stripe that is slow but answers (the emulator's own faults answer at once or never). Bytes
 * keep their order on each connection; only the first chunk of each held request waits.
 */
import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

export class SlowRelay {
  private targetPort = 0;
  private held = 0;
  private holdMs = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<SlowRelay> {
    const server = createServer();
    const relay = new SlowRelay(server);
    server.on('connection', (client) => relay.relay(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  forwardTo(port: number): void {
    this.targetPort = port;
  }

  /** The next `count` requests reach Stripe `ms` later. */
  holdNext(count: number, ms: number): void {
    this.held = count;
    this.holdMs = ms;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private relay(client: Socket): void {
    const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
    let sent = Promise.resolve();
    client.on('data', (chunk) => {
      const wait = this.held > 0 ? this.holdMs : 0;
      if (wait > 0) this.held--;
      sent = sent.then(() => new Promise((resolve) => setTimeout(resolve, wait))).then(() => void upstream.write(chunk));
    });
    client.on('end', () => void sent.then(() => upstream.end()));
    upstream.pipe(client);
    tieTogether(this.sockets, client, upstream);
  }
}

/** Keeps both ends of a relayed connection in `sockets` while they live; either closing closes the other. */
export function tieTogether(sockets: Set<Socket>, client: Socket, upstream: Socket): void {
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      client.destroy();
      upstream.destroy();
    });
  }
}
