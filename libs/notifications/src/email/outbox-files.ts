/**
 * The `.eml` files a developer's machine writes instead of sending (no SMTP_URL), and their
 * listing for `npm run cli -- outbox`. A file's name starts with when it was written, so names
 * sort by time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function outboxDirectory(dataDir: string): string {
  return join(dataDir, 'outbox');
}

/** `2026-12-01T13-51-15.123Z-<email id>.eml`: sortable, and valid on every file system. */
export function outboxFileName(writtenAt: Date, emailId: string): string {
  return `${writtenAt.toISOString().replace(/:/g, '-')}-${emailId}.eml`;
}

/** The header fields of an RFC 822 message, unfolded, by lower-cased name. */
function headersOf(message: string): Map<string, string> {
  const head = message.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const fields = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return fields;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?R=C3=A9initialisez?=`), as nodemailer writes non-ASCII subjects. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_word, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return new TextDecoder(charset.toLowerCase() === 'utf-8' ? 'utf-8' : charset).decode(bytes);
    });
}

/** Quoted-printable, as nodemailer writes bodies with long lines (links): soft line breaks joined, `=XX` bytes decoded. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The first link of the body (the plain-text part comes first): what a developer follows by hand. */
function firstLinkOf(message: string): string | undefined {
  const body = message.slice(message.search(/\r?\n\r?\n/));
  return /https?:\/\/[^\s"<>]+/.exec(decodeQuotedPrintable(body))?.[0];
}

/** The written emails, newest first: date, recipient, subject, file, and on the next line the email's link. */
export function listOutbox(dataDir: string): string {
  const directory = resolve(outboxDirectory(dataDir));
  const files = existsSync(directory) ? readdirSync(directory).filter((file) => file.endsWith('.eml')) : [];
  if (files.length === 0) return `No email in ${directory} (emails are written there when SMTP_URL is not set).`;
  const lines = files
    .sort()
    .reverse()
    .map((file) => {
      const path = join(directory, file);
      const message = readFileSync(path, 'utf8');
      const headers = headersOf(message);
      const date = new Date(headers.get('date') ?? '');
      const when = Number.isNaN(date.getTime()) ? '?' : date.toISOString();
      const line = [when, decodeEncodedWords(headers.get('to') ?? '?'), decodeEncodedWords(headers.get('subject') ?? ''), path].join('  ');
      const link = firstLinkOf(message);
      return link ? `${line}\n    link: ${link}` : line;
    });
  return [`${files.length} email(s) in ${directory}, newest first:`, ...lines].join('\n');
}
