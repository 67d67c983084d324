/**
 * The emails the API writes as `.eml` files when it has no SMTP server (development, tests), read
 * as a person reads their inbox: the demo follows the verification link it was sent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Quoted-printable bodies (nodemailer's for long lines): soft line breaks joined, `=XX` decoded. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The token of the newest link to `path` (e.g. `/verify-email`) emailed to `address`, if one arrived. */
export function tokenEmailedTo(outboxDir: string, address: string, path: string): string | null {
  if (!existsSync(outboxDir)) return null;
  const link = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`);
  for (const file of readdirSync(outboxDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .reverse()) {
    const message = readFileSync(join(outboxDir, file), 'utf8');
    const to = /^To: (.*)$/im.exec(message)?.[1] ?? '';
    if (!to.includes(address)) continue;
    const token = link.exec(decodeQuotedPrintable(message))?.[1];
    if (token) return token;
  }
  return null;
}
