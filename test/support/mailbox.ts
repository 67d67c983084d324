/**
 * A real SMTP server on a free loopback port, started by a test: the API delivers to it over
 * SMTP (SMTP_URL), and the test reads what arrived, parsed as a mail client would.
 */
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { AddressObject, ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { TestApp } from './test-app';

export interface ReceivedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Raw header fields (unfolded), by lower-cased name. */
  headers: Map<string, string>;
}

export class Mailbox {
  readonly received: ReceivedEmail[] = [];
  /** How many of the next messages are refused with a temporary failure (451). */
  private refusals = 0;

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<Mailbox> {
    let mailbox: Mailbox | undefined = undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => mailbox!.take(parsed, callback))
          .catch((error: Error) => callback(error));
      },
    });
    mailbox = new Mailbox(server);
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    return mailbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  refuseNext(count: number): void {
    this.refusals = count;
  }

  /** What arrived for this address, oldest first. */
  to(address: string): ReceivedEmail[] {
    return this.received.filter((email) => email.to === address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private take(parsed: ParsedMail, callback: (error?: Error | null) => void): void {
    if (this.refusals > 0) {
      this.refusals--;
      return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
    }
    const to = (parsed.to as AddressObject).value[0]!.address!;
    const headers = new Map(
      parsed.headerLines.map(({ key, line }) => [
        key,
        line
          .slice(line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      ]),
    );
    this.received.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: String(parsed.html), headers });
    callback();
  }
}

/** The `token` of the first link in `text` to `path` (as the web app would read it off its URL). */
export function linkTokenIn(text: string, path: string): string {
  const link = new RegExp(`https?://\\S+${path}\\?token=([\\w-]+)`).exec(text);
  if (!link) throw new Error(`No ${path} link in:\n${text}`);
  return link[1]!;
}

/** An app that delivers its emails to a Mailbox of its own, their links opening https://app.example.test. */
export async function anAppWithMailbox(env: NodeJS.ProcessEnv = {}): Promise<{ app: TestApp; mailbox: Mailbox }> {
  const mailbox = await Mailbox.start();
  const app = await TestApp.start({ SMTP_URL: mailbox.url, PUBLIC_APP_URL: 'https://app.example.test', ...env });
  return { app, mailbox };
}

export async function closeAppWithMailbox(app: TestApp, mailbox: Mailbox): Promise<void> {
  await app.close();
  await mailbox.close();
}
