/**
 * What each kind of email says, in each language, as data: the renderer (email-rendering.ts)
 * turns it into plain text and HTML, escaping everything. Adding a kind adds an entry per locale.
 */
import { Locale } from '@marketplace/accounts';
import { AccountEmailKind, NOTICE_KINDS, NoticeKind, NotificationKind } from '../notification-kind';
import { factReader, NoticeFacts, NOTICE_TEXTS } from '../notices/notice-texts';

/** What a template may say about its recipient and event; user-provided text is escaped in HTML. */
export interface EmailFacts {
  displayName: string;
  /** The link the email is for (verification, reset, sign-in page). */
  link: string;
  /** When the link stops working. */
  expiresAt?: Date;
  /** What an in-app notification's email says (its kind's facts). */
  notice?: NoticeFacts;
}

export interface EmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action: { label: string; url: string };
  /** After the action: what to do if the email was not expected. */
  closing?: string;
}

type Template = (facts: EmailFacts, formatDate: (date: Date) => string) => EmailContent;

const until = (facts: EmailFacts, formatDate: (date: Date) => string) => (facts.expiresAt ? formatDate(facts.expiresAt) : '');

const FRENCH: Record<AccountEmailKind, Template> = {
  EMAIL_VERIFICATION: (facts, formatDate) => ({
    subject: 'Confirmez votre adresse e-mail',
    greeting: `Bonjour ${facts.displayName},`,
    paragraphs: [
      'Pour confirmer que cette adresse est bien la vôtre, suivez le lien ci-dessous. ' +
        `Il ne sert qu'une fois et reste valable jusqu'au ${until(facts, formatDate)}.`,
      'Une fois votre adresse confirmée, vous pourrez proposer vos services et accepter des offres.',
    ],
    action: { label: 'Confirmer mon adresse', url: facts.link },
    closing: "Si vous n'avez pas créé de compte, ignorez cet e-mail.",
  }),
  PASSWORD_RESET: (facts, formatDate) => ({
    subject: 'Réinitialisez votre mot de passe',
    greeting: `Bonjour ${facts.displayName},`,
    paragraphs: [
      'Une demande de nouveau mot de passe a été faite pour votre compte. ' +
        `Le lien ci-dessous ne sert qu'une fois et reste valable jusqu'au ${until(facts, formatDate)} ; ` +
        'le nouveau mot de passe vous déconnecte de tous vos appareils.',
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: facts.link },
    closing: "Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail : votre mot de passe ne change pas.",
  }),
  REGISTRATION_ATTEMPT: (facts) => ({
    subject: 'Une inscription a été tentée avec votre adresse',
    greeting: `Bonjour ${facts.displayName},`,
    paragraphs: [
      "Quelqu'un a essayé de créer un compte avec votre adresse e-mail. Votre compte existe déjà : rien n'a changé.",
      "Si c'était vous et que vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau.",
    ],
    action: { label: 'Mot de passe oublié', url: facts.link },
    closing: "Si ce n'était pas vous, vous n'avez rien à faire.",
  }),
  WELCOME: (facts) => ({
    subject: 'Bienvenue !',
    greeting: `Bonjour ${facts.displayName},`,
    paragraphs: ['Votre adresse est confirmée : vous pouvez maintenant proposer vos services sur les missions et accepter des offres.'],
    action: { label: 'Voir les missions', url: facts.link },
  }),
};

const ENGLISH: Record<AccountEmailKind, Template> = {
  EMAIL_VERIFICATION: (facts, formatDate) => ({
    subject: 'Verify your email address',
    greeting: `Hello ${facts.displayName},`,
    paragraphs: [
      `To confirm that this address is yours, follow the link below. It works once, until ${until(facts, formatDate)}.`,
      'Once your address is verified, you can bid on missions and accept bids.',
    ],
    action: { label: 'Verify my address', url: facts.link },
    closing: 'If you did not create an account, ignore this email.',
  }),
  PASSWORD_RESET: (facts, formatDate) => ({
    subject: 'Reset your password',
    greeting: `Hello ${facts.displayName},`,
    paragraphs: [
      `Someone asked for a new password for your account. The link below works once, until ${until(facts, formatDate)}; ` +
        'the new password signs you out on every device.',
    ],
    action: { label: 'Choose a new password', url: facts.link },
    closing: 'If you did not ask for it, ignore this email: your password does not change.',
  }),
  REGISTRATION_ATTEMPT: (facts) => ({
    subject: 'Someone tried to register with your address',
    greeting: `Hello ${facts.displayName},`,
    paragraphs: [
      'Someone tried to create an account with your email address. Your account already exists: nothing changed.',
      'If it was you and you forgot your password, you can choose a new one.',
    ],
    action: { label: 'Forgot my password', url: facts.link },
    closing: 'If it was not you, there is nothing to do.',
  }),
  WELCOME: (facts) => ({
    subject: 'Welcome!',
    greeting: `Hello ${facts.displayName},`,
    paragraphs: ['Your address is verified: you can now bid on missions and accept bids.'],
    action: { label: 'See the missions', url: facts.link },
  }),
};

const GREETINGS: Record<Locale, (displayName: string) => string> = {
  [Locale.FR]: (displayName) => `Bonjour ${displayName},`,
  [Locale.EN]: (displayName) => `Hello ${displayName},`,
};

/** A notification's email: its line, and a link to its page. */
function noticeTemplate(locale: Locale, kind: NoticeKind): Template {
  const { subject, line, action } = NOTICE_TEXTS[locale][kind];
  return (facts) => {
    const reader = factReader(locale, facts.notice ?? {});
    return {
      subject: subject(reader),
      greeting: GREETINGS[locale](facts.displayName),
      paragraphs: [line(reader)],
      action: { label: action, url: facts.link },
    };
  };
}

function templatesIn(locale: Locale, accountTemplates: Record<AccountEmailKind, Template>): Record<NotificationKind, Template> {
  return { ...accountTemplates, ...Object.fromEntries(NOTICE_KINDS.map((kind) => [kind, noticeTemplate(locale, kind)])) } as Record<
    NotificationKind,
    Template
  >;
}

export const EMAIL_TEMPLATES: Record<Locale, Record<NotificationKind, Template>> = {
  [Locale.FR]: templatesIn(Locale.FR, FRENCH),
  [Locale.EN]: templatesIn(Locale.EN, ENGLISH),
};
