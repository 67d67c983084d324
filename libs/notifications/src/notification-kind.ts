import { registerEnumType } from '@nestjs/graphql';

/**
 * What a notification is about. Each kind has its email templates (email/email-templates.ts) and,
 * unless it protects the account, a preference its user can turn off. New kinds are added here.
 */
export enum NotificationKind {
  EMAIL_VERIFICATION = 'EMAIL_VERIFICATION',
  PASSWORD_RESET = 'PASSWORD_RESET',
  REGISTRATION_ATTEMPT = 'REGISTRATION_ATTEMPT',
  WELCOME = 'WELCOME',
}

/** Security emails protect the account: they are always sent and carry no unsubscribe link. */
const SECURITY_KINDS: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.EMAIL_VERIFICATION,
  NotificationKind.PASSWORD_RESET,
  NotificationKind.REGISTRATION_ATTEMPT,
]);

export function isSecurityKind(kind: NotificationKind): boolean {
  return SECURITY_KINDS.has(kind);
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (Object.values(NotificationKind) as string[]).includes(value);
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about. Security kinds (verification, password reset, registration attempt) cannot be turned off.',
  valuesMap: {
    EMAIL_VERIFICATION: { description: 'A link to verify the email address (security: always sent).' },
    PASSWORD_RESET: { description: 'A link to choose a new password (security: always sent).' },
    REGISTRATION_ATTEMPT: { description: 'Someone tried to register with the address of an existing account (security: always sent).' },
    WELCOME: { description: 'Welcome, once the email address is verified: what the user can do now.' },
  },
});
