/**
 * A minimal S3-compatible server on loopback (path-style PutObject, GetObject, DeleteObject), to
 * drive the real AWS SDK in tests. It records what it received; it does not check signatures or
 * checksums.
 */
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly authorizations: string[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      this.authorizations.push(req.headers.authorization ?? '');
      const key = decodeURIComponent(new URL(req.url ?? '/', 'http://s3').pathname);
      if (req.method === 'PUT') {
        const body = await bodyOf(req);
        this.objects.set(key, req.headers['content-encoding'] === 'aws-chunked' ? decodeAwsChunked(body) : body);
        res.writeHead(200, { ETag: '"fake"' }).end();
      } else if (req.method === 'GET' && this.objects.has(key)) {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(this.objects.get(key));
      } else if (req.method === 'GET') {
        res
          .writeHead(404, { 'Content-Type': 'application/xml' })
          .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
      } else if (req.method === 'DELETE') {
        this.objects.delete(key);
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `aws-chunked` (how the SDK streams a body with a trailing checksum): `<hex size>[;…]\r\n<bytes>\r\n`… until size 0. */
function decodeAwsChunked(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  for (let at = 0; ;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.subarray(at, lineEnd).toString().split(';')[0], 16);
    if (!size) return Buffer.concat(chunks);
    chunks.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
