/**
 * How long we keep each kind of personal data, and what deletes it: the one place retention
 * periods are written. A purge asks `cutoffOf(rule, now, config)` and deletes what ended before it;
 * docs/personal-data.md (the record of processing) links here for every period.
 */
import type { AppConfig } from '@marketplace/config';
import { DATA_EXPORT_DOWNLOAD_HOURS } from '@marketplace/personal-data';
import {
  PURGE_CONVERSATIONS_OF_ENDED_MISSIONS,
  PURGE_DATA_EXPORT_ARCHIVES,
  PURGE_EXPIRED_AUTH_RECORDS,
  PURGE_FRANCECONNECT_RECORDS,
  PURGE_OUTBOX_EMAILS,
  PURGE_READ_NOTIFICATIONS,
  PURGE_UNATTACHED_PHOTOS,
  PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS,
} from './purge-jobs';
import { AT_ONCE, periodBefore, RetentionPeriod } from './retention-period';

/** Who set the period: a text of law, the CNIL's recommendation, or we did (and why). */
export type RetentionBasis =
  | { readonly setBy: 'LAW'; readonly reason: string; readonly source: string }
  | { readonly setBy: 'CNIL_RECOMMENDATION'; readonly reason: string; readonly source: string }
  | { readonly setBy: 'OUR_DECISION'; readonly reason: string; readonly source?: string };

/** What deletes the data once its period is over. */
export type RetentionPurge =
  /**
   * One of our jobs, by name (identity's is defined and scheduled by libs/identity, which this
   * table, light enough for any process to load, does not import); `runs` says when.
   */
  | { readonly job: string; readonly runs: string }
  /** Nothing reaches its end before `firstDueIn`: the purge is to be written before then. */
  | { readonly notWrittenYet: string; readonly firstDueIn: number };

/** A period an operator chooses (a setting, with its default in libs/config), rather than one we fixed. */
export interface ConfiguredPeriod {
  readonly setting: string;
  readonly of: (config: AppConfig) => RetentionPeriod;
}

export interface RetentionRule {
  /** What is kept, in words a user understands. */
  readonly data: string;
  /** Where it is: tables, and files in the document storage. */
  readonly storedIn: string;
  /** The event the period runs from. */
  readonly from: string;
  readonly period: RetentionPeriod | ConfiguredPeriod;
  readonly basis: RetentionBasis;
  readonly purge: RetentionPurge;
}

/** Decided and unsubmitted documents alike: the operator's setting (30 days by default). */
const IDENTITY_DOCUMENT_RETENTION: ConfiguredPeriod = {
  setting: 'IDENTITY_DOCUMENT_RETENTION_DAYS',
  of: (config) => ({ days: config.identityDocumentRetentionDays }),
};

const CNIL_LOGGING_RECOMMENDATION =
  'CNIL, recommandation relative aux mesures de journalisation (délibération n° 2021-122 du 14 octobre 2021): connection records are kept six months to one year';
const COMMERCIAL_LIMITATION_PERIOD =
  'Code civil art. 2224 and Code de commerce art. L. 110-4: claims arising from a contract prescribe after five years';
const ACCOUNTING_RECORDS =
  'Code de commerce art. L. 123-22 (accounting documents and their supporting pieces: ten years); LPF art. L. 102 B (six years for tax purposes)';

export const RETENTION_RULES = {
  SIGN_INS: {
    data: 'Sign-ins: the refresh tokens of each session (only their hash), when the session began, was refreshed and ended',
    storedIn: 'refresh_tokens',
    from: 'the end of the session: its refresh token expired or the session was revoked (sign-out, reuse detected, password reset, suspension)',
    period: { months: 6 },
    basis: {
      setBy: 'CNIL_RECOMMENDATION',
      reason: 'the record of who signed in and when, kept to investigate an account takeover; the shortest period the CNIL recommends',
      source: CNIL_LOGGING_RECOMMENDATION,
    },
    purge: { job: PURGE_EXPIRED_AUTH_RECORDS.name, runs: 'hourly' },
  },
  SIGN_IN_ATTEMPT_COUNTERS: {
    data: 'Counts of attempts (failed sign-ins, reports, bids, uploads…) by email address, user or IP address, for the rate limits',
    storedIn: 'rate_limit_counters',
    from: "the end of the counter's window (RATE_LIMIT_* and LOGIN_FAILURE_WINDOW_SECONDS settings)",
    period: AT_ONCE,
    basis: { setBy: 'OUR_DECISION', reason: 'a closed window counts for nothing: nothing is kept beyond what the limit needs' },
    purge: { job: PURGE_EXPIRED_AUTH_RECORDS.name, runs: 'hourly' },
  },
  EMAIL_LINK_TOKENS: {
    data: 'The single-use tokens of the links we email (address verification, password reset), hashed',
    storedIn: 'account_tokens',
    from: 'their expiry (EMAIL_VERIFICATION_TTL_HOURS, one hour for a reset)',
    period: AT_ONCE,
    basis: { setBy: 'OUR_DECISION', reason: 'an expired link can do nothing' },
    purge: { job: PURGE_EXPIRED_AUTH_RECORDS.name, runs: 'hourly' },
  },
  FRANCECONNECT_ATTEMPTS: {
    data: 'FranceConnect sign-ins under way: the attempt (state, nonce, PKCE verifier) and the one-time code handed to the app',
    storedIn: 'franceconnect_attempts, franceconnect_sign_in_codes',
    from: 'their expiry (ten minutes for an attempt, one minute for a code)',
    period: AT_ONCE,
    basis: { setBy: 'OUR_DECISION', reason: 'an expired attempt or code can do nothing' },
    purge: { job: PURGE_FRANCECONNECT_RECORDS.name, runs: 'hourly' },
  },
  FRANCECONNECT_ID_TOKENS: {
    data: "The id_token FranceConnect gave for a sign-in, kept to end FranceConnect's session at sign-out",
    storedIn: 'franceconnect_sessions',
    from: 'the start of the sign-in, once our session has ended',
    period: { hours: 24 },
    basis: {
      setBy: 'OUR_DECISION',
      reason: "FranceConnect's own session lasts less than a working day: after it, its logout ends nothing and needs no id_token",
    },
    purge: { job: PURGE_FRANCECONNECT_RECORDS.name, runs: 'hourly' },
  },
  DECIDED_IDENTITY_DOCUMENTS: {
    data: 'Identity documents (scans of an identity card, passport, residence permit) of a decided verification; the decision itself stays',
    storedIn: 'identity_documents, and the encrypted files under identity-documents/ in the document storage',
    from: 'the decision (approval or rejection)',
    period: IDENTITY_DOCUMENT_RETENTION,
    basis: {
      setBy: 'OUR_DECISION',
      reason: 'long enough for the user to question a rejection with the document at hand, no longer: the decision is what we need to keep',
      source: 'SPEC §9 (the setting, 30 days by default)',
    },
    purge: { job: 'identity:purge-documents', runs: 'scheduled at each decision, for the period later' },
  },
  UNSUBMITTED_IDENTITY_DOCUMENTS: {
    data: 'Identity documents uploaded but never submitted for verification, and the files of uploads cut short (a crash mid-upload)',
    storedIn: 'identity_documents, identity_document_uploads, and the encrypted files under identity-documents/',
    from: 'the upload of the document',
    period: IDENTITY_DOCUMENT_RETENTION,
    basis: { setBy: 'OUR_DECISION', reason: 'a document nobody submitted is not kept longer than one that was decided' },
    purge: { job: PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS.name, runs: 'daily' },
  },
  UNATTACHED_PHOTOS: {
    data: 'Photos uploaded and attached to no mission or message (or taken off a mission)',
    storedIn: 'photos, and the files under photos/ in the document storage',
    from: 'the upload, or when the photo was taken off what it was attached to',
    period: { setting: 'PHOTO_UNATTACHED_RETENTION_HOURS', of: (config) => ({ hours: config.photos.unattachedRetentionHours }) },
    basis: { setBy: 'OUR_DECISION', reason: 'time to finish writing the mission or message; a photo nobody uses is not kept' },
    purge: { job: PURGE_UNATTACHED_PHOTOS.name, runs: 'hourly' },
  },
  CONVERSATIONS: {
    data: 'Conversations about a mission: the messages, their photos, read receipts',
    storedIn: 'conversations, messages, and the message photos (photos, files under photos/)',
    from: 'the end of the mission (completed or cancelled)',
    period: { years: 5 },
    basis: {
      setBy: 'OUR_DECISION',
      reason:
        'the conversation is the record of what the client and the provider agreed: it is kept while either may still bring a claim about the job',
      source: COMMERCIAL_LIMITATION_PERIOD,
    },
    purge: { job: PURGE_CONVERSATIONS_OF_ENDED_MISSIONS.name, runs: 'daily' },
  },
  READ_NOTIFICATIONS: {
    data: 'In-app notifications the user has read (what happened, which mission or conversation)',
    storedIn: 'notifications',
    from: 'when the user read it',
    period: { months: 6 },
    basis: {
      setBy: 'OUR_DECISION',
      reason: 'a notice read long ago is of no use; what it told of stays where it happened (the mission, the invoice)',
    },
    purge: { job: PURGE_READ_NOTIFICATIONS.name, runs: 'daily' },
  },
  OUTBOX_EMAILS: {
    data: 'Emails we sent: the address, the subject and the kind (the bodies are cleared once sent)',
    storedIn: 'email_outbox',
    from: 'the sending (or, for an email that could never be sent, its writing)',
    period: { years: 1 },
    basis: {
      setBy: 'OUR_DECISION',
      reason:
        'to answer "did you write to me?" and to look into bounces; the facts of record (decisions, invoices) are kept in their own place',
    },
    purge: { job: PURGE_OUTBOX_EMAILS.name, runs: 'daily' },
  },
  DATA_EXPORT_ARCHIVES: {
    data: 'The archive of a data export (JSON files, documents, invoices, photos of the user)',
    storedIn: 'data_exports, and the files under data-exports/ in the document storage (libs/personal-data)',
    from: 'the archive being ready',
    period: { hours: DATA_EXPORT_DOWNLOAD_HOURS },
    basis: {
      setBy: 'OUR_DECISION',
      reason: 'its download link is valid 24 hours; the archive is a copy, and copies are not kept',
      source: 'issue #24',
    },
    purge: { job: PURGE_DATA_EXPORT_ARCHIVES.name, runs: 'hourly' },
  },
  INVOICES: {
    data: 'Invoices, credit notes, payment receipts and fee invoices (names, addresses, SIREN, amounts), with their PDF and XML, and the billing mandates they were issued under',
    storedIn: 'invoices, invoice_series, payment_receipts, billing_mandates, billing_profiles, and their files in the document storage',
    from: 'the end of the financial year of the invoice (of the mandate’s end, for a mandate)',
    period: { years: 10 },
    basis: { setBy: 'LAW', reason: 'accounting documents must be kept, unchanged, for ten years', source: ACCOUNTING_RECORDS },
    purge: { notWrittenYet: 'the first invoices were issued in 2026: none reaches ten years before 2036', firstDueIn: 2036 },
  },
  LEDGER: {
    data: 'The ledger and the money records (payments, refunds, chargebacks, payouts, amounts, Stripe ids)',
    storedIn: 'ledger_entries, payments, refunds, chargebacks, payouts',
    from: 'the end of the financial year of the movement',
    period: { years: 10 },
    basis: { setBy: 'LAW', reason: 'the books and their supporting pieces must be kept for ten years', source: ACCOUNTING_RECORDS },
    purge: { notWrittenYet: 'the first movements were recorded in 2026: none reaches ten years before 2036', firstDueIn: 2036 },
  },
  DAC7_RECORDS: {
    data: "What the DAC7 report needs of a provider (tax number or place of birth, date of birth, address, IBAN's holder) and the diligence steps (reminders)",
    storedIn: 'dac7_details, tax_profiles',
    from: 'the end of the reportable year',
    period: { years: 10 },
    basis: {
      setBy: 'LAW',
      reason:
        'platform operators keep these records at least five and at most ten years after the reportable period; we keep the ten years that also fit the books (the French text was not found: to confirm)',
      source:
        'Directive (EU) 2021/514 (DAC7), Annex V; CGI art. 1649 ter D (diligence); /work/shared/research/french-rules-for-providers.md §5',
    },
    purge: { notWrittenYet: 'the first reportable year is 2026: nothing reaches its end before 2037', firstDueIn: 2037 },
  },
  MODERATION_DECISIONS: {
    data: 'Statements of reasons and their contests, reports, the moderation log (who decided what about whom, and why)',
    storedIn: 'moderation_decisions, moderation_contests, reports, moderation_actions',
    from: 'the decision (or the report)',
    period: { years: 5 },
    basis: {
      setBy: 'OUR_DECISION',
      reason:
        'the DSA (art. 17, 20) and P2B (art. 4) require the statements but set no period: we keep them while the decision can be challenged in court',
      source: COMMERCIAL_LIMITATION_PERIOD,
    },
    purge: { notWrittenYet: 'the first decisions were taken in 2026: none reaches five years before 2031', firstDueIn: 2031 },
  },
} as const satisfies Record<string, RetentionRule>;

export type RetentionRuleId = keyof typeof RETENTION_RULES;

export function periodOf(rule: RetentionRule, config: AppConfig): RetentionPeriod {
  return 'setting' in rule.period ? rule.period.of(config) : rule.period;
}

/** What ended before this instant is past the rule's period. */
export function cutoffOf(rule: RetentionRule, now: Date, config: AppConfig): Date {
  return periodBefore(now, periodOf(rule, config));
}
