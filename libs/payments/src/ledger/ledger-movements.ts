import { LedgerAccount, LedgerMovement } from './ledger-entry.entity';

export interface PaymentAmounts {
  amountCents: number;
  platformFeeCents: number;
  providerAmountCents: number;
}

export type Entries = Partial<Record<LedgerAccount, number>>;

/** The entries of each movement for a payment: pure, so the books' rules are tested on their own. */
export function entriesOf(movement: LedgerMovement, payment: PaymentAmounts): Entries {
  switch (movement) {
    case LedgerMovement.CHARGE:
      return { [LedgerAccount.STRIPE_BALANCE]: payment.amountCents, [LedgerAccount.CLIENT_FUNDS_HELD]: -payment.amountCents };
    case LedgerMovement.PAYOUT:
      return {
        [LedgerAccount.CLIENT_FUNDS_HELD]: payment.amountCents,
        [LedgerAccount.STRIPE_BALANCE]: -payment.providerAmountCents,
        [LedgerAccount.PLATFORM_FEES]: -payment.platformFeeCents,
      };
    case LedgerMovement.REFUND:
      return { [LedgerAccount.CLIENT_FUNDS_HELD]: payment.amountCents, [LedgerAccount.STRIPE_BALANCE]: -payment.amountCents };
  }
}

export interface PaymentFacts extends PaymentAmounts {
  /** The money came in (the payment succeeded, whatever happened next). */
  charged: boolean;
  refunded: boolean;
  /** The transfer to the provider was made, and its amount. */
  transferredCents: number | null;
}

/**
 * What is wrong with a payment's books, if anything: every movement balances, exactly the
 * movements its history calls for are there, and they agree with the payment, payout and refund.
 */
export function ledgerProblems(facts: PaymentFacts, movements: Map<LedgerMovement, Entries>): string[] {
  const problems: string[] = [];
  for (const [movement, entries] of movements) {
    const sum = Object.values(entries).reduce((total, cents) => total + cents, 0);
    if (sum !== 0) problems.push(`${movement} does not balance (${sum} cents)`);
  }
  const expected = new Map<LedgerMovement, boolean>([
    [LedgerMovement.CHARGE, facts.charged],
    [LedgerMovement.PAYOUT, facts.transferredCents !== null],
    [LedgerMovement.REFUND, facts.refunded],
  ]);
  for (const [movement, due] of expected) {
    const written = movements.get(movement);
    if (due && !written) problems.push(`${movement} is missing`);
    if (!due && written) problems.push(`${movement} was written but did not happen`);
    if (due && written && !sameEntries(written, entriesOf(movement, facts))) problems.push(`${movement} does not match the payment`);
  }
  if (facts.transferredCents !== null && facts.transferredCents !== facts.providerAmountCents) {
    problems.push(`the transfer (${facts.transferredCents}) is not the provider's amount (${facts.providerAmountCents})`);
  }
  if (facts.refunded && facts.transferredCents !== null) problems.push('both refunded and paid out');
  return problems;
}

function sameEntries(a: Entries, b: Entries): boolean {
  const accounts = new Set([...Object.keys(a), ...Object.keys(b)] as LedgerAccount[]);
  return [...accounts].every((account) => (a[account] ?? 0) === (b[account] ?? 0));
}
