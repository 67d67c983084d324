import { Locale } from '@marketplace/accounts';
import { isSecurityKind, NotificationKind } from '../notification-kind';
import { EMAIL_TEMPLATES, EmailFacts } from './email-templates';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER: Record<Locale, { unsubscribe: string; security: string }> = {
  [Locale.FR]: {
    unsubscribe: 'Pour ne plus recevoir ce type d’e-mail :',
    security: 'Cet e-mail protège votre compte : il ne peut pas être désactivé.',
  },
  [Locale.EN]: {
    unsubscribe: 'To stop receiving this kind of email:',
    security: 'This email protects your account: it cannot be turned off.',
  },
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Dates in the recipient's language, on French time (the platform's market). */
function dateFormatter(locale: Locale): (date: Date) => string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (date) => format.format(date);
}

/** The email of `kind` in plain text and HTML; `unsubscribeUrl` is given for every kind but the security ones. */
export function renderEmail(kind: NotificationKind, locale: Locale, facts: EmailFacts, unsubscribeUrl?: string): RenderedEmail {
  const content = EMAIL_TEMPLATES[locale][kind](facts, dateFormatter(locale));
  const footer = FOOTER[locale];
  const footerText = isSecurityKind(kind) || !unsubscribeUrl ? footer.security : `${footer.unsubscribe} ${unsubscribeUrl}`;
  const text = [
    content.greeting,
    ...content.paragraphs,
    `${content.action.label}\n${content.action.url}`,
    content.closing,
    '--',
    footerText,
  ]
    .filter((line) => line !== undefined)
    .join('\n\n');
  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const footerHtml =
    isSecurityKind(kind) || !unsubscribeUrl
      ? escapeHtml(footer.security)
      : `${escapeHtml(footer.unsubscribe)} <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(unsubscribeUrl)}</a>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head><body>`,
    paragraph(content.greeting),
    ...content.paragraphs.map(paragraph),
    `<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>`,
    ...(content.closing ? [paragraph(content.closing)] : []),
    `<hr><p style="font-size:small;color:#666">${footerHtml}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html };
}
