import { PaymentStatus } from './payment.entity';
import { centsLeftOf, payoutAmountsOf, statusAfterRefunds } from './settlement';

const payment = {
  amountCents: 12_000,
  platformFeeCents: 1_200,
  refundedCents: 0,
  chargedBackCents: 0,
  settlementRefundCents: null,
  refundRequestedAt: null,
  stripeRefundId: null,
};
const requested = new Date('2026-12-01T10:00:00Z');

describe('settling a payment', () => {
  it('pays the provider the agreed amount when nothing was given back', () => {
    expect(payoutAmountsOf(payment)).toEqual({ amountCents: 10_800, platformFeeCents: 1_200 });
  });

  it('takes the fee in proportion on what is left after a split refund still due, and after it was made', () => {
    const split = { ...payment, settlementRefundCents: 4_000, refundRequestedAt: requested };
    expect(centsLeftOf(split)).toBe(8_000);
    expect(payoutAmountsOf(split)).toEqual({ amountCents: 7_200, platformFeeCents: 800 });
    expect(payoutAmountsOf({ ...split, refundedCents: 4_000, stripeRefundId: 're_1' })).toEqual(payoutAmountsOf(split));
  });

  it('rounds the fee half up, and what the provider gets plus the fee is exactly what is left', () => {
    const odd = { ...payment, amountCents: 10_001, platformFeeCents: 1_000, settlementRefundCents: 3_333, refundRequestedAt: requested };
    const { amountCents, platformFeeCents } = payoutAmountsOf(odd);
    expect(platformFeeCents).toBe(667); // 1000 × 6668 / 10001 = 666.73…
    expect(amountCents + platformFeeCents).toBe(6_668);
  });

  it('leaves nothing once refunds made at Stripe took it all, or our refund of all that is left is due', () => {
    expect(payoutAmountsOf({ ...payment, refundedCents: 12_000 })).toEqual({ amountCents: 0, platformFeeCents: 0 });
    expect(centsLeftOf({ ...payment, refundedCents: 2_000, refundRequestedAt: requested })).toBe(0);
    expect(centsLeftOf({ ...payment, refundedCents: 2_000 })).toBe(10_000);
  });

  it('pays out what a lost chargeback left, the fee in proportion; nothing when it took all, or more than refunds left', () => {
    expect(payoutAmountsOf({ ...payment, chargedBackCents: 3_000 })).toEqual({ amountCents: 8_100, platformFeeCents: 900 });
    expect(payoutAmountsOf({ ...payment, chargedBackCents: 12_000 })).toEqual({ amountCents: 0, platformFeeCents: 0 });
    expect(centsLeftOf({ ...payment, refundedCents: 5_000, chargedBackCents: 8_000 })).toBe(0);
  });

  it('is REFUNDED once everything came back, PARTIALLY_REFUNDED before', () => {
    expect(statusAfterRefunds(payment, 11_999)).toBe(PaymentStatus.PARTIALLY_REFUNDED);
    expect(statusAfterRefunds(payment, 12_000)).toBe(PaymentStatus.REFUNDED);
    expect(statusAfterRefunds({ ...payment, chargedBackCents: 3_000 }, 9_000)).toBe(PaymentStatus.REFUNDED);
  });
});
