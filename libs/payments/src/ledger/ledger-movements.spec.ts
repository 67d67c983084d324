import { LedgerAccount, LedgerMovement } from './ledger-entry.entity';
import { Entries, entriesOf, ledgerProblems, PaymentFacts } from './ledger-movements';

const payment = { amountCents: 12_000, platformFeeCents: 1_200, providerAmountCents: 10_800 };
const booksOf = (...movements: LedgerMovement[]) => new Map<LedgerMovement, Entries>(movements.map((m) => [m, entriesOf(m, payment)]));
const facts = (overrides: Partial<PaymentFacts>): PaymentFacts => ({
  ...payment,
  charged: false,
  refunded: false,
  transferredCents: null,
  ...overrides,
});

describe('the ledger', () => {
  it('writes balanced movements', () => {
    for (const movement of Object.values(LedgerMovement)) {
      const sum = Object.values(entriesOf(movement, payment)).reduce((a, b) => a + b, 0);
      expect(sum).toBe(0);
    }
    expect(entriesOf(LedgerMovement.PAYOUT, payment)).toEqual({
      [LedgerAccount.CLIENT_FUNDS_HELD]: 12_000,
      [LedgerAccount.STRIPE_BALANCE]: -10_800,
      [LedgerAccount.PLATFORM_FEES]: -1_200,
    });
  });

  it('finds nothing wrong with the books of each settled history', () => {
    expect(ledgerProblems(facts({}), booksOf())).toEqual([]);
    expect(ledgerProblems(facts({ charged: true }), booksOf(LedgerMovement.CHARGE))).toEqual([]);
    expect(
      ledgerProblems(facts({ charged: true, transferredCents: 10_800 }), booksOf(LedgerMovement.CHARGE, LedgerMovement.PAYOUT)),
    ).toEqual([]);
    expect(ledgerProblems(facts({ charged: true, refunded: true }), booksOf(LedgerMovement.CHARGE, LedgerMovement.REFUND))).toEqual([]);
  });

  it('finds missing, extra, unbalanced and mismatched movements', () => {
    expect(ledgerProblems(facts({ charged: true }), booksOf())).toEqual(['CHARGE is missing']);
    expect(ledgerProblems(facts({ charged: true }), booksOf(LedgerMovement.CHARGE, LedgerMovement.REFUND))).toEqual([
      'REFUND was written but did not happen',
    ]);
    const unbalanced = new Map<LedgerMovement, Entries>([[LedgerMovement.CHARGE, { [LedgerAccount.STRIPE_BALANCE]: 12_000 }]]);
    expect(ledgerProblems(facts({ charged: true }), unbalanced)).toEqual([
      'CHARGE does not balance (12000 cents)',
      'CHARGE does not match the payment',
    ]);
    expect(
      ledgerProblems(facts({ charged: true, transferredCents: 12_000 }), booksOf(LedgerMovement.CHARGE, LedgerMovement.PAYOUT)),
    ).toEqual(["the transfer (12000) is not the provider's amount (10800)"]);
    expect(
      ledgerProblems(
        facts({ charged: true, refunded: true, transferredCents: 10_800 }),
        booksOf(LedgerMovement.CHARGE, LedgerMovement.PAYOUT, LedgerMovement.REFUND),
      ),
    ).toEqual(['both refunded and paid out']);
  });
});
