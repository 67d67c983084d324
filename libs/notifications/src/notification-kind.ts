import { registerEnumType } from '@nestjs/graphql';

/**
 * What a notification is about. Each kind has its email templates (email/email-templates.ts for
 * account emails, notices/notice-texts.ts for the others) and its channels (CHANNELS below). New
 * kinds are added here.
 */
export enum NotificationKind {
  EMAIL_VERIFICATION = 'EMAIL_VERIFICATION',
  PASSWORD_RESET = 'PASSWORD_RESET',
  REGISTRATION_ATTEMPT = 'REGISTRATION_ATTEMPT',
  WELCOME = 'WELCOME',
  NEW_QUESTION = 'NEW_QUESTION',
  NEW_MESSAGE = 'NEW_MESSAGE',
  MESSAGE_HIDDEN = 'MESSAGE_HIDDEN',
  NEW_BID = 'NEW_BID',
  BID_ACCEPTED = 'BID_ACCEPTED',
  BID_DECLINED = 'BID_DECLINED',
  BID_EXPIRED = 'BID_EXPIRED',
  PAYMENT_RECEIVED = 'PAYMENT_RECEIVED',
  MISSION_DELIVERED = 'MISSION_DELIVERED',
  MISSION_COMPLETED = 'MISSION_COMPLETED',
  MISSION_DISPUTED = 'MISSION_DISPUTED',
  DISPUTE_SETTLED = 'DISPUTE_SETTLED',
  PAYOUT_SENT = 'PAYOUT_SENT',
  PAYOUT_FAILED = 'PAYOUT_FAILED',
  RATING_RECEIVED = 'RATING_RECEIVED',
  RATING_PUBLISHED = 'RATING_PUBLISHED',
  IDENTITY_APPROVED = 'IDENTITY_APPROVED',
  IDENTITY_REJECTED = 'IDENTITY_REJECTED',
  REPORT_OUTCOME = 'REPORT_OUTCOME',
  SUSPENSION = 'SUSPENSION',
  INVOICE_MISSING = 'INVOICE_MISSING',
  PAYMENT_RECEIPT = 'PAYMENT_RECEIPT',
  DAC7_DETAILS_REQUESTED = 'DAC7_DETAILS_REQUESTED',
  DAC7_DETAILS_REMINDER = 'DAC7_DETAILS_REMINDER',
  DAC7_PAYOUTS_HELD = 'DAC7_PAYOUTS_HELD',
  DAC7_PAYOUTS_RELEASED = 'DAC7_PAYOUTS_RELEASED',
  RATING_HIDDEN = 'RATING_HIDDEN',
  TAX_THRESHOLD_ALERT = 'TAX_THRESHOLD_ALERT',
  INVOICE_AWAITS_VAT_NUMBER = 'INVOICE_AWAITS_VAT_NUMBER',
  INVOICE_CONTESTED = 'INVOICE_CONTESTED',
  INVOICE_REISSUED = 'INVOICE_REISSUED',
  INVOICE_ACCEPTED = 'INVOICE_ACCEPTED',
  CREDIT_NOTE_ISSUED = 'CREDIT_NOTE_ISSUED',
  MODERATION_DECISION = 'MODERATION_DECISION',
  MODERATION_CONTEST_DECIDED = 'MODERATION_CONTEST_DECIDED',
  DATA_EXPORT_READY = 'DATA_EXPORT_READY',
}

/** The kinds that are emails only: they come with an account's links and have no in-app notification. */
export type AccountEmailKind =
  NotificationKind.EMAIL_VERIFICATION | NotificationKind.PASSWORD_RESET | NotificationKind.REGISTRATION_ATTEMPT | NotificationKind.WELCOME;

/** The kinds of in-app notifications (`Notifier.notify`). */
export type NoticeKind = Exclude<NotificationKind, AccountEmailKind>;

/**
 * How each kind reaches its user. `email`: REQUIRED is always sent and cannot be turned off (it
 * protects the account, or, for a suspension, is the only way a user who can no longer sign in
 * hears of it); ON is sent unless the user turned it off; NONE has no email (in-app only: nothing
 * to do about it, or it comes in bursts, so an email would be noise).
 */
const CHANNELS: Record<NotificationKind, { inApp: boolean; email: 'REQUIRED' | 'ON' | 'NONE' }> = {
  EMAIL_VERIFICATION: { inApp: false, email: 'REQUIRED' },
  PASSWORD_RESET: { inApp: false, email: 'REQUIRED' },
  REGISTRATION_ATTEMPT: { inApp: false, email: 'REQUIRED' },
  WELCOME: { inApp: false, email: 'ON' },
  NEW_QUESTION: { inApp: true, email: 'ON' },
  NEW_MESSAGE: { inApp: true, email: 'ON' },
  MESSAGE_HIDDEN: { inApp: true, email: 'ON' },
  NEW_BID: { inApp: true, email: 'ON' },
  BID_ACCEPTED: { inApp: true, email: 'ON' },
  BID_DECLINED: { inApp: true, email: 'NONE' },
  BID_EXPIRED: { inApp: true, email: 'ON' },
  PAYMENT_RECEIVED: { inApp: true, email: 'ON' },
  MISSION_DELIVERED: { inApp: true, email: 'ON' },
  MISSION_COMPLETED: { inApp: true, email: 'ON' },
  MISSION_DISPUTED: { inApp: true, email: 'ON' },
  DISPUTE_SETTLED: { inApp: true, email: 'ON' },
  PAYOUT_SENT: { inApp: true, email: 'ON' },
  PAYOUT_FAILED: { inApp: true, email: 'ON' },
  RATING_RECEIVED: { inApp: true, email: 'ON' },
  RATING_PUBLISHED: { inApp: true, email: 'NONE' },
  IDENTITY_APPROVED: { inApp: true, email: 'ON' },
  IDENTITY_REJECTED: { inApp: true, email: 'ON' },
  REPORT_OUTCOME: { inApp: true, email: 'NONE' },
  SUSPENSION: { inApp: true, email: 'REQUIRED' },
  INVOICE_MISSING: { inApp: true, email: 'ON' },
  PAYMENT_RECEIPT: { inApp: true, email: 'ON' },
  DAC7_DETAILS_REQUESTED: { inApp: true, email: 'REQUIRED' },
  DAC7_DETAILS_REMINDER: { inApp: true, email: 'REQUIRED' },
  DAC7_PAYOUTS_HELD: { inApp: true, email: 'REQUIRED' },
  DAC7_PAYOUTS_RELEASED: { inApp: true, email: 'ON' },
  RATING_HIDDEN: { inApp: true, email: 'ON' },
  TAX_THRESHOLD_ALERT: { inApp: true, email: 'ON' },
  INVOICE_AWAITS_VAT_NUMBER: { inApp: true, email: 'ON' },
  INVOICE_CONTESTED: { inApp: true, email: 'ON' },
  INVOICE_REISSUED: { inApp: true, email: 'ON' },
  // Nothing to do about it: the window closed as the mandate says it does.
  INVOICE_ACCEPTED: { inApp: true, email: 'NONE' },
  CREDIT_NOTE_ISSUED: { inApp: true, email: 'ON' },
  // A statement of reasons is owed on a durable medium (DSA art. 17, P2B art. 4), and a suspended user reads it only by email.
  MODERATION_DECISION: { inApp: true, email: 'REQUIRED' },
  MODERATION_CONTEST_DECIDED: { inApp: true, email: 'REQUIRED' },
  DATA_EXPORT_READY: { inApp: true, email: 'ON' },
};

/** Security emails (and the suspension notice and statements of reasons): always sent, with no unsubscribe link. */
export function isSecurityKind(kind: NotificationKind): boolean {
  return CHANNELS[kind].email === 'REQUIRED';
}

/** Whether the kind has an email at all (the in-app-only kinds have none, and no email preference). */
export function isEmailedKind(kind: NotificationKind): boolean {
  return CHANNELS[kind].email !== 'NONE';
}

export function isNoticeKind(kind: NotificationKind): kind is NoticeKind {
  return CHANNELS[kind].inApp;
}

export const NOTICE_KINDS = Object.values(NotificationKind).filter(isNoticeKind);

export function isNotificationKind(value: string): value is NotificationKind {
  return (Object.values(NotificationKind) as string[]).includes(value);
}

const IN_APP_ONLY = ' In-app only: no email.';
/** Said of the kinds a statement of reasons replaced (one notice per decision): the notifications already sent keep their kind and text. */
const KEPT = ' Notifications of it sent before stay listed.';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'What a notification is about. Account kinds (verification, password reset, registration attempt, welcome) are emails only; the others are in-app notifications, most of them emailed too. Security kinds and the statements of reasons (MODERATION_DECISION, MODERATION_CONTEST_DECIDED) are always emailed and cannot be turned off. A decision that restricts a user is told to them once, by its statement of reasons.',
  valuesMap: {
    EMAIL_VERIFICATION: { description: 'A link to verify the email address (security: always sent).' },
    PASSWORD_RESET: { description: 'A link to choose a new password (security: always sent).' },
    REGISTRATION_ATTEMPT: { description: 'Someone tried to register with the address of an existing account (security: always sent).' },
    WELCOME: { description: 'Welcome, once the email address is verified: what the user can do now.' },
    NEW_QUESTION: { description: "To a mission's client: a provider asked a question about it before bidding." },
    NEW_MESSAGE: { description: 'To a participant of a conversation: the other side wrote.' },
    MESSAGE_HIDDEN: {
      description: "Deprecated, no longer sent: a hidden message's author gets its statement of reasons (MODERATION_DECISION)." + KEPT,
    },
    NEW_BID: { description: "To a mission's client: a provider bid on it." },
    BID_ACCEPTED: { description: 'To a provider: the client accepted their bid; the mission starts once it is paid.' },
    BID_DECLINED: {
      description: 'To a provider: their bid was declined, or the mission went to another bid or was cancelled.' + IN_APP_ONLY,
    },
    BID_EXPIRED: {
      description: 'To a provider: the acceptance of their bid lapsed, the client did not pay in time; the mission is open again.',
    },
    PAYMENT_RECEIVED: { description: "To the assigned provider: the client's payment succeeded, the work can start." },
    MISSION_DELIVERED: { description: 'To the client: the provider delivered; confirm it, or dispute it before it completes by itself.' },
    MISSION_COMPLETED: { description: 'To the parties who did not complete it themselves: the mission is completed; rate the other side.' },
    MISSION_DISPUTED: { description: 'To the assigned provider: the client disputed the delivery; a moderator settles it.' },
    DISPUTE_SETTLED: {
      description:
        'To the party a settlement favours: the provider when paid, the client when refunded (nobody for a split). The party it goes against gets its statement of reasons (MODERATION_DECISION) instead.',
    },
    PAYOUT_SENT: { description: "To a provider: a mission's payout was sent to their bank account." },
    PAYOUT_FAILED: { description: "To a provider: a mission's payout failed; check the bank details." },
    RATING_RECEIVED: {
      description: 'To the rated party: the other side rated them; it stays hidden until they rate back or the window closes.',
    },
    RATING_PUBLISHED: { description: 'To the rated party: a rating of them is published.' + IN_APP_ONLY },
    IDENTITY_APPROVED: { description: 'To a provider: their identity is verified.' },
    IDENTITY_REJECTED: {
      description:
        'Deprecated, no longer sent: a rejected identity verification gets its statement of reasons (MODERATION_DECISION).' + KEPT,
    },
    REPORT_OUTCOME: { description: 'To a reporter: a moderator dealt with their report.' + IN_APP_ONLY },
    SUSPENSION: {
      description:
        'Deprecated, no longer sent: a suspended user gets the statement of reasons of the suspension (MODERATION_DECISION).' + KEPT,
    },
    INVOICE_MISSING: {
      description:
        'To a provider: a mission completed without an invoice from the platform (no billing mandate, or it was revoked; no SIRET; no billing address): what is missing, and that they invoice this one themselves.',
    },
    PAYMENT_RECEIPT: {
      description: 'To a client: the mission got no invoice from the platform; their payment receipt is ready (Mission.paymentReceipt).',
    },
    DAC7_DETAILS_REQUESTED: {
      description: 'To a provider paid through the platform: the data the DAC7 report needs is incomplete (myReportingDetails.missing).',
    },
    DAC7_DETAILS_REMINDER: {
      description: 'To a provider: a reminder (the first or the second) that DAC7 data is missing, and the day payouts will be held.',
    },
    DAC7_PAYOUTS_HELD: {
      description:
        'Deprecated, no longer sent: a provider whose payouts are held gets the statement of reasons of the hold (MODERATION_DECISION).' +
        KEPT,
    },
    DAC7_PAYOUTS_RELEASED: { description: 'To a provider: their DAC7 data is complete; held payouts are on their way.' },
    RATING_HIDDEN: {
      description: "Deprecated, no longer sent: a hidden rating's author gets its statement of reasons (MODERATION_DECISION)." + KEPT,
    },
    TAX_THRESHOLD_ALERT: {
      description:
        "To a provider, once a year each: their year revenue reached 80 %, 90 % or 100 % of the VAT franchise's base threshold, came near the majoré one, or went over it (the franchise ended that day).",
    },
    INVOICE_AWAITS_VAT_NUMBER: {
      description:
        "To a provider out of the VAT franchise: the mission's invoice waits until their tax profile is LIABLE with a VAT number, then it is issued with VAT.",
    },
    INVOICE_CONTESTED: {
      description: "To a mission's client: the provider contested its invoice, with their reason; a corrected one may follow.",
    },
    INVOICE_REISSUED: {
      description: "To a mission's client: a contested invoice was cancelled by a credit note and replaced by a new invoice.",
    },
    INVOICE_ACCEPTED: {
      description: "To a provider: an invoice's contest window closed without a contest; it is accepted tacitly." + IN_APP_ONLY,
    },
    CREDIT_NOTE_ISSUED: {
      description:
        "To a mission's provider and client: a credit note was issued on its invoice for money returned; to the provider also for the platform's fee credit notes, and for a correction a moderator made.",
    },
    MODERATION_DECISION: {
      description:
        'To the user a decision restricts (identity rejected, content hidden, suspension, dispute settled against them, payout held), and the only notice they get of it: the statement of reasons, with what it was about (the mission, the outcome of a settlement, what is missing), the facts, the ground in our terms, whether it was automated, what to do next and how to contest it (myModerationDecisions, or the signed link for a suspended user). Always emailed.',
    },
    MODERATION_CONTEST_DECIDED: {
      description: 'To a user who contested a decision: another moderator upheld or reversed it, why, and what was undone. Always emailed.',
    },
    DATA_EXPORT_READY: {
      description:
        'To a user who asked for a copy of their data (requestDataExport): the archive is ready to download, for 24 hours (myDataExports).',
    },
  },
});
