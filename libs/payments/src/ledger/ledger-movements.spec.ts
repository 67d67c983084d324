import { LedgerAccount, LedgerMovement } from './ledger-entry.entity';
import { chargeEntries, Entries, ledgerProblems, moneyBackEntries, Movement, PaymentFacts, payoutEntries } from './ledger-movements';

const payment = { amountCents: 12_000, platformFeeCents: 1_200 };
const fullPayout = { amountCents: 10_800, platformFeeCents: 1_200 };
const facts = (overrides: Partial<PaymentFacts>): PaymentFacts => ({ ...payment, charged: false, refunds: [], payout: null, ...overrides });
const charge: Movement = { movement: LedgerMovement.CHARGE, reference: '', entries: chargeEntries(payment) };
const payout = (amounts = fullPayout): Movement => ({ movement: LedgerMovement.PAYOUT, reference: '', entries: payoutEntries(amounts) });
const refund = (reference: string, cents: number, afterPayout = false): Movement => ({
  movement: LedgerMovement.REFUND,
  reference,
  entries: moneyBackEntries(cents, { afterPayout }),
});
const sum = (entries: Entries) => Object.values(entries).reduce((a, b) => a + b, 0);

describe('the ledger', () => {
  it('writes balanced movements', () => {
    for (const entries of [chargeEntries(payment), payoutEntries(fullPayout), moneyBackEntries(500, { afterPayout: false })]) {
      expect(sum(entries)).toBe(0);
    }
    expect(payoutEntries(fullPayout)).toEqual({
      [LedgerAccount.CLIENT_FUNDS_HELD]: 12_000,
      [LedgerAccount.STRIPE_BALANCE]: -10_800,
      [LedgerAccount.PLATFORM_FEES]: -1_200,
    });
    expect(moneyBackEntries(500, { afterPayout: true })).toEqual({
      [LedgerAccount.STRIPE_BALANCE]: -500,
      [LedgerAccount.PLATFORM_LOSSES]: 500,
    });
  });

  it('finds nothing wrong with the books of each settled history', () => {
    expect(ledgerProblems(facts({}), [])).toEqual([]);
    expect(ledgerProblems(facts({ charged: true }), [charge])).toEqual([]);
    expect(ledgerProblems(facts({ charged: true, payout: fullPayout }), [charge, payout()])).toEqual([]);
    const refunds = [{ reference: 're_1', amountCents: 12_000 }];
    expect(ledgerProblems(facts({ charged: true, refunds }), [charge, refund('re_1', 12_000)])).toEqual([]);
  });

  it('balances a split: part refunded, the rest paid out with the fee in proportion', () => {
    const split = { amountCents: 7_200, platformFeeCents: 800 };
    const refunds = [{ reference: 're_1', amountCents: 4_000 }];
    expect(ledgerProblems(facts({ charged: true, refunds, payout: split }), [charge, refund('re_1', 4_000), payout(split)])).toEqual([]);
  });

  it('counts a refund after the transfer as the platform’s loss, not as money held', () => {
    const refunds = [{ reference: 're_1', amountCents: 3_000 }];
    expect(ledgerProblems(facts({ charged: true, refunds, payout: fullPayout }), [charge, payout(), refund('re_1', 3_000, true)])).toEqual(
      [],
    );
    expect(ledgerProblems(facts({ charged: true, refunds, payout: fullPayout }), [charge, payout(), refund('re_1', 3_000)])).toEqual([
      '3000 cents more given back or paid out than was held for the client',
    ]);
  });

  it('finds missing, extra, unbalanced and mismatched movements', () => {
    expect(ledgerProblems(facts({ charged: true }), [])).toEqual(['CHARGE is missing']);
    expect(ledgerProblems(facts({ charged: true }), [charge, refund('re_1', 12_000)])).toEqual([
      'REFUND re_1 was written but did not happen',
    ]);
    expect(ledgerProblems(facts({ charged: true, refunds: [{ reference: 're_1', amountCents: 100 }] }), [charge])).toEqual([
      'REFUND re_1 is missing',
    ]);
    const unbalanced: Movement = { movement: LedgerMovement.CHARGE, reference: '', entries: { [LedgerAccount.STRIPE_BALANCE]: 12_000 } };
    expect(ledgerProblems(facts({ charged: true }), [unbalanced])).toEqual([
      'CHARGE does not balance (12000 cents)',
      'CHARGE does not match the payment',
    ]);
    expect(ledgerProblems(facts({ charged: true, payout: { amountCents: 12_000, platformFeeCents: 0 } }), [charge, payout()])).toEqual([
      'PAYOUT does not match the payment',
    ]);
    const refunds = [{ reference: 're_1', amountCents: 12_000 }];
    expect(ledgerProblems(facts({ charged: true, refunds, payout: fullPayout }), [charge, payout(), refund('re_1', 12_000)])).toEqual([
      '12000 cents more given back or paid out than was held for the client',
    ]);
  });
});
