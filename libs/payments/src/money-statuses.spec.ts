import { PaymentStatus } from './payment.entity';
import { PAYMENT_MOVES, PAYOUT_MOVES, statusesLeadingTo } from './money-statuses';
import { PayoutStatus } from './payouts/payout.entity';
import { PAID } from './settlement';

describe('the payment and payout status tables', () => {
  it('lets a payment be paid only while unpaid, and refunded only once paid', () => {
    expect(statusesLeadingTo(PAYMENT_MOVES, PaymentStatus.SUCCEEDED).sort()).toEqual([
      PaymentStatus.FAILED,
      PaymentStatus.REQUIRES_PAYMENT,
    ]);
    expect(statusesLeadingTo(PAYMENT_MOVES, PaymentStatus.CANCELED).sort()).toEqual([PaymentStatus.FAILED, PaymentStatus.REQUIRES_PAYMENT]);
    expect(statusesLeadingTo(PAYMENT_MOVES, PaymentStatus.REFUNDED).sort()).toEqual([...PAID].sort());
    expect(PAYMENT_MOVES[PaymentStatus.REFUNDED]).toEqual([]);
    expect(PAYMENT_MOVES[PaymentStatus.CANCELED]).toEqual([]);
  });

  it('lets a payout be transferred once, from waiting or failed, and never after it was canceled', () => {
    expect(statusesLeadingTo(PAYOUT_MOVES, PayoutStatus.TRANSFERRED).sort()).toEqual([PayoutStatus.FAILED, PayoutStatus.PENDING]);
    expect(statusesLeadingTo(PAYOUT_MOVES, PayoutStatus.PENDING)).toEqual([PayoutStatus.FAILED]);
    expect(PAYOUT_MOVES[PayoutStatus.CANCELED]).toEqual([]);
  });

  it('names every status in both tables', () => {
    expect(Object.keys(PAYMENT_MOVES).sort()).toEqual(Object.values(PaymentStatus).sort());
    expect(Object.keys(PAYOUT_MOVES).sort()).toEqual(Object.values(PayoutStatus).sort());
  });
});
