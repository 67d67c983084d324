/**
 * What deleting an account does, said once: what goes, what the law makes us keep (for how long
 * and why), and what must be finished first. accountDeletionPreview shows these lists, and
 * AccountDeletionService does exactly them. The legal bases are those of docs/personal-data.md.
 */

export enum AccountDeletionBlockerKind {
  /** A mission the user is the client or the hired provider of is ASSIGNED or DELIVERED. */
  MISSION_IN_PROGRESS = 'MISSION_IN_PROGRESS',
  /** A mission of theirs is DISPUTED: a moderator has not settled it. */
  DISPUTE_OPEN = 'DISPUTE_OPEN',
  /** A payout owed to them is not transferred yet (PENDING or FAILED). */
  PAYOUT_PENDING = 'PAYOUT_PENDING',
  /** A refund owed to them is asked for but not made yet. */
  REFUND_PENDING = 'REFUND_PENDING',
  /** A card chargeback on one of their payments is not decided yet. */
  CHARGEBACK_OPEN = 'CHARGEBACK_OPEN',
}

export interface AccountDeletionBlocker {
  kind: AccountDeletionBlockerKind;
  missionId: string;
  missionTitle: string;
  amountCents: number | null;
  currency: string | null;
  description: string;
}

/** Something kept after the deletion: what, for how long, and the legal basis. */
export interface KeptPersonalData {
  what: string;
  period: string;
  basis: string;
}

/** Every blocker of a user ($1), one row each, oldest mission first. */
export const BLOCKERS_OF_USER = `
  SELECT kind, mission_id AS "missionId", title AS "missionTitle", amount_cents AS "amountCents", currency
    FROM (
      SELECT CASE WHEN m.status = 'DISPUTED' THEN 'DISPUTE_OPEN' ELSE 'MISSION_IN_PROGRESS' END AS kind,
             m.id AS mission_id, m.title, NULL::int AS amount_cents, NULL::text AS currency, m.created_at
        FROM missions m
       WHERE (m.client_id = $1 OR m.assigned_provider_id = $1) AND m.status IN ('ASSIGNED', 'DELIVERED', 'DISPUTED')
      UNION ALL
      SELECT 'PAYOUT_PENDING', m.id, m.title, p.amount_cents, p.currency, m.created_at
        FROM payouts p JOIN missions m ON m.id = p.mission_id
       WHERE p.provider_id = $1 AND p.status IN ('PENDING', 'FAILED')
      UNION ALL
      SELECT 'REFUND_PENDING', m.id, m.title, p.amount_cents, p.currency, m.created_at
        FROM payments p JOIN missions m ON m.id = p.mission_id
       WHERE p.client_id = $1 AND p.refund_requested_at IS NOT NULL AND p.refunded_at IS NULL AND p.status NOT IN ('REFUNDED', 'CANCELED', 'FAILED')
      UNION ALL
      SELECT 'CHARGEBACK_OPEN', m.id, m.title, c.amount_cents, c.currency, m.created_at
        FROM chargebacks c JOIN payments p ON p.id = c.payment_id JOIN missions m ON m.id = c.mission_id
       WHERE (p.client_id = $1 OR p.provider_id = $1) AND c.status = 'OPEN'
    ) blockers
   ORDER BY created_at, kind`;

function amount(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency.trim()}`;
}

/** The blocker named as the user reads it. */
export function describeBlocker(blocker: Omit<AccountDeletionBlocker, 'description'>): string {
  const mission = `"${blocker.missionTitle}"`;
  const money = blocker.amountCents !== null && blocker.currency ? amount(blocker.amountCents, blocker.currency) : '';
  switch (blocker.kind) {
    case AccountDeletionBlockerKind.MISSION_IN_PROGRESS:
      return `the mission ${mission} is in progress: it must be completed or cancelled`;
    case AccountDeletionBlockerKind.DISPUTE_OPEN:
      return `the dispute on the mission ${mission} is open: a moderator must settle it`;
    case AccountDeletionBlockerKind.PAYOUT_PENDING:
      return `the payout of ${money} for ${mission} is not transferred yet (check your payout details)`;
    case AccountDeletionBlockerKind.REFUND_PENDING:
      return `the refund of ${mission} (payment of ${money}) is not made yet`;
    case AccountDeletionBlockerKind.CHARGEBACK_OPEN:
      return `the card chargeback of ${money} on ${mission} is not decided yet`;
  }
}

/** What the deletion removes or replaces, at once. */
export const DELETED_AT_ONCE: readonly string[] = [
  'Your sign-in: every session and refresh token is revoked, pending email links are cancelled; your FranceConnect link is removed.',
  'Your email address, phone number and name: replaced by "Former member" and an address that reaches nobody. The email address may be used to register a new account.',
  'Your provider profile (if you were paid through the platform, only its headline, description and rate are cleared: the rest stays under no name, for DAC7, below), your notifications, your notification and email preferences, and every email to you, sent or waiting.',
  'Your identity documents and your photos (files and records), the messages you wrote, and your identity verifications (legal name, date of birth) unless DAC7 requires them (below).',
  'The exact address of your missions (the city stays on them, as others saw it).',
  'Your open bids: withdrawn. Your open missions: cancelled, their bids declined.',
  'The ratings others gave you: deleted, and your reputation with them.',
  'Your data exports and their archives.',
];

export const KEPT_AFTER_DELETION: readonly KeptPersonalData[] = [
  {
    what: 'Invoices, credit notes, payment receipts, income statements and the billing mandate, with the names and addresses they carry',
    period: '10 years from the end of the financial year',
    basis: 'Legal obligation: Code de commerce L. 123-22 (accounting documents), LPF L. 102 B (tax: 6 years), CGI 289 (invoices)',
  },
  {
    what: 'Payments, payouts, refunds, chargebacks and their ledger lines',
    period: '10 years from the end of the financial year',
    basis: 'Legal obligation: Code de commerce L. 123-22 (accounting records and supporting pieces)',
  },
  {
    what: 'DAC7 data (billing name and address, tax identification number, place of birth, tax profile, identity decision with date of birth) of a provider paid through the platform',
    period: 'Until the end of the DAC7 retention period of the last year reported (the register of sellers, CGI 1649 ter D)',
    basis: 'Legal obligation: CGI 1649 ter A to ter D (Directive (EU) 2021/514, DAC7)',
  },
  {
    what: 'Moderation decisions about you, their statements of reasons and contests, the moderation log, and the reports you filed or that are about you',
    period:
      'Six months after the decision for a contest, then as long as a claim about the decision can be brought (5 years, Code civil 2224)',
    basis:
      'Legal obligation (DSA arts. 17 and 20: statements of reasons, complaint handling) and legitimate interest (defence of legal claims)',
  },
  {
    what: 'The ratings you gave: shown as by "Former member", without your name',
    period: 'As long as the rated member keeps their account',
    basis:
      "Legitimate interest: the rated member's reputation, and the published rules on reviews (Code de la consommation L. 111-7-2, D. 111-19)",
  },
  {
    what: 'Your missions and bids (title, description, city, amounts) and the conversations they had, without your messages',
    period: 'As long as the invoices of those missions (10 years), for the other party and the accounts',
    basis: 'Legal obligation (the supporting pieces of the invoices) and the legitimate interest of the other party',
  },
];

/** An account opened with FranceConnect has a password nobody chose: deletion asks for one. */
export const PASSWORD_NEEDED_NOTE =
  'Deleting asks for your password. If you signed up with FranceConnect and never chose one, set it first with the password reset link (requestPasswordReset): it proves you hold the account’s email address.';
