import { LedgerAccount, LedgerMovement } from './ledger-entry.entity';

export interface PaymentAmounts {
  amountCents: number;
  platformFeeCents: number;
}

/** What a transfer to the provider moved, the fee the platform kept on it, and what it withheld for the URSSAF. */
export interface PayoutAmounts {
  amountCents: number;
  platformFeeCents: number;
  urssafWithheldCents?: number | null;
}

export type Entries = Partial<Record<LedgerAccount, number>>;

/** The client paid: the platform holds the money. */
export function chargeEntries(payment: PaymentAmounts): Entries {
  return { [LedgerAccount.STRIPE_BALANCE]: payment.amountCents, [LedgerAccount.CLIENT_FUNDS_HELD]: -payment.amountCents };
}

/** The provider was paid: what they received, the fee and what was withheld for the URSSAF leave the money held for the client. */
export function payoutEntries(payout: PayoutAmounts): Entries {
  const withheld = payout.urssafWithheldCents ?? 0;
  return {
    [LedgerAccount.CLIENT_FUNDS_HELD]: payout.amountCents + payout.platformFeeCents + withheld,
    [LedgerAccount.STRIPE_BALANCE]: -payout.amountCents,
    [LedgerAccount.PLATFORM_FEES]: -payout.platformFeeCents,
    ...(withheld ? { [LedgerAccount.URSSAF_OWED]: -withheld } : {}),
  };
}

/**
 * Money given back to the client (a refund; a chargeback's counterpart is the same): out of what
 * is held for them while the provider has not been paid, else a loss of the platform's, the
 * provider having been paid from it already.
 */
export function moneyBackEntries(amountCents: number, { afterPayout }: { afterPayout: boolean }): Entries {
  return {
    [LedgerAccount.STRIPE_BALANCE]: -amountCents,
    [afterPayout ? LedgerAccount.PLATFORM_LOSSES : LedgerAccount.CLIENT_FUNDS_HELD]: amountCents,
  };
}

/** The same movement the other way: a chargeback won gives back exactly what it took, to where it took it from. */
export function reversedEntries(entries: Entries): Entries {
  return Object.fromEntries(Object.entries(entries).map(([account, cents]) => [account, -cents]));
}

/** A movement of a payment's books, told apart from others of its kind by its reference (a refund's id at Stripe). */
export interface Movement {
  movement: LedgerMovement;
  reference: string;
  entries: Entries;
}

export interface PaymentFacts extends PaymentAmounts {
  /** The money came in (the payment succeeded, whatever happened next). */
  charged: boolean;
  /** The refunds recorded, by their Stripe id. */
  refunds: { reference: string; amountCents: number }[];
  /** The transfer to the provider, when it was made. */
  payout: PayoutAmounts | null;
  /** The card chargebacks recorded, by their Stripe dispute id. */
  chargebacks: ChargebackFacts[];
}

export interface ChargebackFacts {
  reference: string;
  amountCents: number;
  /** Null until the money was withdrawn; then whether the provider's transfer had been made. */
  afterPayout: boolean | null;
  reinstated: boolean;
}

const keyOf = (movement: LedgerMovement, reference: string) => (reference ? `${movement} ${reference}` : movement);

/**
 * What is wrong with a payment's books, if anything: every movement balances; exactly the movements
 * its history calls for are there (the charge, each refund, the payout, each chargeback's withdrawal
 * and reinstatement), agreeing with the payment, the refunds, the payout and the chargebacks; and no
 * more is given back or paid out than was held for the client.
 */
export function ledgerProblems(facts: PaymentFacts, movements: Movement[]): string[] {
  const problems: string[] = [];
  const written = new Map(movements.map((movement) => [keyOf(movement.movement, movement.reference), movement]));
  for (const { movement, reference, entries } of movements) {
    const sum = Object.values(entries).reduce((total, cents) => total + cents, 0);
    if (sum !== 0) problems.push(`${keyOf(movement, reference)} does not balance (${sum} cents)`);
  }
  const due = new Map<string, (entries: Entries) => boolean>();
  if (facts.charged) due.set(LedgerMovement.CHARGE, (entries) => sameEntries(entries, chargeEntries(facts)));
  for (const refund of facts.refunds) {
    due.set(keyOf(LedgerMovement.REFUND, refund.reference), (entries) => entries[LedgerAccount.STRIPE_BALANCE] === -refund.amountCents);
  }
  if (facts.payout) {
    const payout = facts.payout;
    due.set(LedgerMovement.PAYOUT, (entries) => sameEntries(entries, payoutEntries(payout)));
  }
  for (const chargeback of facts.chargebacks) {
    if (chargeback.afterPayout === null) continue;
    const withdrawn = moneyBackEntries(chargeback.amountCents, { afterPayout: chargeback.afterPayout });
    due.set(keyOf(LedgerMovement.CHARGEBACK, chargeback.reference), (entries) => sameEntries(entries, withdrawn));
    if (chargeback.reinstated) {
      due.set(keyOf(LedgerMovement.CHARGEBACK_REVERSED, chargeback.reference), (entries) =>
        sameEntries(entries, reversedEntries(withdrawn)),
      );
    }
  }
  for (const [key, matches] of due) {
    const movement = written.get(key);
    if (!movement) problems.push(`${key} is missing`);
    else if (!matches(movement.entries)) problems.push(`${key} does not match the payment`);
  }
  for (const key of written.keys()) if (!due.has(key)) problems.push(`${key} was written but did not happen`);
  const held = movements.reduce((total, { entries }) => total + (entries[LedgerAccount.CLIENT_FUNDS_HELD] ?? 0), 0);
  if (held > 0) problems.push(`${held} cents more given back or paid out than was held for the client`);
  return problems;
}

function sameEntries(a: Entries, b: Entries): boolean {
  const accounts = new Set([...Object.keys(a), ...Object.keys(b)] as LedgerAccount[]);
  return [...accounts].every((account) => (a[account] ?? 0) === (b[account] ?? 0));
}
