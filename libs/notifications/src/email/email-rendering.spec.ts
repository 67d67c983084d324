import { Locale } from '@marketplace/accounts';
import { NotificationKind } from '../notification-kind';
import { escapeHtml, renderEmail } from './email-rendering';
import { decodeEncodedWords } from './outbox-files';

const facts = { displayName: `Jean "<script>" O'Brien & fils`, link: 'https://app.example.com/verify-email?token=abc&x=1' };

describe('renderEmail', () => {
  it('escapes what users wrote in the HTML, and keeps the plain text as written', () => {
    const { text, html } = renderEmail(NotificationKind.EMAIL_VERIFICATION, Locale.FR, {
      ...facts,
      expiresAt: new Date('2026-12-03T10:00:00Z'),
    });
    expect(text).toContain(`Bonjour Jean "<script>" O'Brien & fils,`);
    expect(html).toContain('Bonjour Jean &quot;&lt;script&gt;&quot; O&#39;Brien &amp; fils,');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="https://app.example.com/verify-email?token=abc&amp;x=1"');
    expect(text).toContain('3 décembre 2026 à 11:00');
  });

  it('writes every kind in French and English', () => {
    for (const kind of Object.values(NotificationKind)) {
      const french = renderEmail(kind, Locale.FR, facts, 'https://api.example.com/email/unsubscribe?token=t');
      const english = renderEmail(kind, Locale.EN, facts, 'https://api.example.com/email/unsubscribe?token=t');
      expect(french.subject).not.toBe(english.subject);
      expect(english.html).toContain('<html lang="en">');
    }
  });

  it('gives an unsubscribe link to every kind but the security ones', () => {
    const unsubscribe = 'https://api.example.com/email/unsubscribe?token=t';
    expect(renderEmail(NotificationKind.WELCOME, Locale.EN, facts, unsubscribe).text).toContain(
      `To stop receiving this kind of email: ${unsubscribe}`,
    );
    const reset = renderEmail(NotificationKind.PASSWORD_RESET, Locale.EN, facts, unsubscribe);
    expect(reset.text).not.toContain(unsubscribe);
    expect(reset.text).toContain('cannot be turned off');
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('decodeEncodedWords', () => {
  it('reads the subjects nodemailer encodes, in Q or B, split over several words', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?R=C3=A9initialisez_votre?= =?UTF-8?Q?_mot_de_passe?=')).toBe('Réinitialisez votre mot de passe');
    expect(decodeEncodedWords(`=?UTF-8?B?${Buffer.from('Bienvenue à vous').toString('base64')}?=`)).toBe('Bienvenue à vous');
    expect(decodeEncodedWords('Plain subject')).toBe('Plain subject');
  });
});
