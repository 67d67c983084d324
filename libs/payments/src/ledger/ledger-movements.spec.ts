import { LedgerAccount, LedgerMovement } from './ledger-entry.entity';
import {
  ChargebackFacts,
  chargeEntries,
  Entries,
  ledgerProblems,
  moneyBackEntries,
  Movement,
  PaymentFacts,
  payoutEntries,
  reversedEntries,
} from './ledger-movements';

const payment = { amountCents: 12_000, platformFeeCents: 1_200 };
const fullPayout = { amountCents: 10_800, platformFeeCents: 1_200 };
const facts = (overrides: Partial<PaymentFacts>): PaymentFacts => ({
  ...payment,
  charged: false,
  refunds: [],
  payout: null,
  chargebacks: [],
  ...overrides,
});
const charge: Movement = { movement: LedgerMovement.CHARGE, reference: '', entries: chargeEntries(payment) };
const payout = (amounts = fullPayout): Movement => ({ movement: LedgerMovement.PAYOUT, reference: '', entries: payoutEntries(amounts) });
const refund = (reference: string, cents: number, afterPayout = false): Movement => ({
  movement: LedgerMovement.REFUND,
  reference,
  entries: moneyBackEntries(cents, { afterPayout }),
});
const withdrawal = (reference: string, cents: number, afterPayout = false): Movement => ({
  movement: LedgerMovement.CHARGEBACK,
  reference,
  entries: moneyBackEntries(cents, { afterPayout }),
});
const reinstatement = (reference: string, cents: number, afterPayout = false): Movement => ({
  movement: LedgerMovement.CHARGEBACK_REVERSED,
  reference,
  entries: reversedEntries(moneyBackEntries(cents, { afterPayout })),
});
const chargeback = (overrides: Partial<ChargebackFacts> = {}): ChargebackFacts => ({
  reference: 'dp_1',
  amountCents: 12_000,
  afterPayout: false,
  reinstated: false,
  ...overrides,
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

  describe('card chargebacks', () => {
    it('takes a chargeback before the transfer out of the money held, and gives it back there when won; the payout then goes whole', () => {
      const open = facts({ charged: true, chargebacks: [chargeback()] });
      expect(ledgerProblems(open, [charge, withdrawal('dp_1', 12_000)])).toEqual([]);
      const won = facts({ charged: true, payout: fullPayout, chargebacks: [chargeback({ reinstated: true })] });
      expect(ledgerProblems(won, [charge, withdrawal('dp_1', 12_000), reinstatement('dp_1', 12_000), payout()])).toEqual([]);
      expect(reversedEntries(moneyBackEntries(500, { afterPayout: false }))).toEqual({
        [LedgerAccount.STRIPE_BALANCE]: 500,
        [LedgerAccount.CLIENT_FUNDS_HELD]: -500,
      });
    });

    it('balances a lost chargeback: nothing more moves when it took all, the payout is of what it left when it took part', () => {
      expect(ledgerProblems(facts({ charged: true, chargebacks: [chargeback()] }), [charge, withdrawal('dp_1', 12_000)])).toEqual([]);
      const rest = { amountCents: 8_100, platformFeeCents: 900 };
      const partial = facts({ charged: true, payout: rest, chargebacks: [chargeback({ amountCents: 3_000 })] });
      expect(ledgerProblems(partial, [charge, withdrawal('dp_1', 3_000), payout(rest)])).toEqual([]);
      expect(ledgerProblems(partial, [charge, withdrawal('dp_1', 3_000), payout()])).toEqual([
        'PAYOUT does not match the payment',
        '3000 cents more given back or paid out than was held for the client',
      ]);
    });

    it('counts a chargeback after the transfer as the platform’s loss, and its reinstatement as the loss undone', () => {
      const after = chargeback({ afterPayout: true });
      expect(
        ledgerProblems(facts({ charged: true, payout: fullPayout, chargebacks: [after] }), [
          charge,
          payout(),
          withdrawal('dp_1', 12_000, true),
        ]),
      ).toEqual([]);
      const won = facts({ charged: true, payout: fullPayout, chargebacks: [{ ...after, reinstated: true }] });
      expect(ledgerProblems(won, [charge, payout(), withdrawal('dp_1', 12_000, true), reinstatement('dp_1', 12_000, true)])).toEqual([]);
      expect(ledgerProblems(won, [charge, payout(), withdrawal('dp_1', 12_000, true), reinstatement('dp_1', 12_000)])).toEqual([
        'CHARGEBACK_REVERSED dp_1 does not match the payment',
      ]);
    });

    it('finds a chargeback whose books do not match it: missing, not yet withdrawn, in the wrong account, reinstated but not won', () => {
      expect(ledgerProblems(facts({ charged: true, chargebacks: [chargeback()] }), [charge])).toEqual(['CHARGEBACK dp_1 is missing']);
      expect(
        ledgerProblems(facts({ charged: true, chargebacks: [chargeback({ afterPayout: null })] }), [charge, withdrawal('dp_1', 12_000)]),
      ).toEqual(['CHARGEBACK dp_1 was written but did not happen']);
      expect(
        ledgerProblems(facts({ charged: true, payout: fullPayout, chargebacks: [chargeback()] }), [
          charge,
          payout(),
          withdrawal('dp_1', 12_000, true),
        ]),
      ).toEqual(['CHARGEBACK dp_1 does not match the payment']);
      expect(
        ledgerProblems(facts({ charged: true, chargebacks: [chargeback()] }), [
          charge,
          withdrawal('dp_1', 12_000),
          reinstatement('dp_1', 12_000),
        ]),
      ).toEqual(['CHARGEBACK_REVERSED dp_1 was written but did not happen']);
    });
  });
});
