import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { outboxDirectory } from './outbox-files';

/** How long an SMTP server may take to answer before the attempt fails (and its job is retried later). */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * Sends a message over SMTP (`SMTP_URL`), or, on a developer's machine without it, writes it as
 * an `.eml` file (RFC 822, as nodemailer would send it) under `<DATA_DIR>/outbox/`.
 */
@Injectable()
export class EmailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    const { smtpUrl } = config.email;
    this.transporter = smtpUrl
      ? createTransport({
          url: smtpUrl,
          connectionTimeout: SMTP_TIMEOUT_MS,
          greetingTimeout: SMTP_TIMEOUT_MS,
          socketTimeout: SMTP_TIMEOUT_MS,
        })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Resolves once the SMTP server took the message (or the file is written); `fileName` names the file. */
  async send(message: SendMailOptions, fileName: string): Promise<void> {
    const info = (await this.transporter.sendMail({ from: this.config.email.from, ...message })) as { message?: unknown };
    if (this.config.email.smtpUrl) return;
    const directory = outboxDirectory(this.config.dataDir);
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, fileName), info.message as Buffer, { mode: 0o600 });
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
