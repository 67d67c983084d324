import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Stripe from 'stripe';
import { Repository } from 'typeorm';
import { Payment } from '../payment.entity';
import { Payout } from '../payouts/payout.entity';
import { InjectStripe } from '../stripe/stripe-client';
import { LedgerCheck } from './ledger.service';

type LedgerProblem = LedgerCheck['problems'][number];

/** Stripe's timestamps and our database's clock may disagree: objects are read from a day before the first payment. */
const CLOCK_MARGIN_SECONDS = 86_400;

/**
 * Our records against Stripe's own, read through its list endpoints: each payment has at most one
 * transfer and one refund on Stripe, and they are the ones its payout and the payment recorded.
 * Only what Stripe created since the first payment is read, not the account's older history.
 */
@Injectable()
export class StripeReconciliation {
  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectRepository(Payout) private readonly payouts: Repository<Payout>,
    @InjectStripe() private readonly stripe: Stripe,
  ) {}

  async check(): Promise<LedgerProblem[]> {
    const payments = await this.payments.find({ order: { createdAt: 'ASC' } });
    if (payments.length === 0) return [];
    const created = { gte: Math.floor(payments[0].createdAt.getTime() / 1000) - CLOCK_MARGIN_SECONDS };
    const [payouts, transfers, refunds] = await Promise.all([
      this.payouts.find(),
      everything(this.stripe.transfers.list({ created, limit: 100 })),
      everything(this.stripe.refunds.list({ created, limit: 100 })),
    ]);
    const transfersOf = groupBy(transfers, (transfer) => transfer.metadata.payoutId ?? '');
    const refundsOf = groupBy(refunds, (refund) => (typeof refund.payment_intent === 'string' ? refund.payment_intent : ''));
    const problems = [
      ...payouts.flatMap((payout) =>
        disagreements('transfer', payout.stripeTransferId, payout.amountCents, transfersOf.get(payout.id) ?? []).map((problem) => ({
          missionId: payout.missionId,
          paymentId: payout.paymentId,
          problem,
        })),
      ),
      ...payments.flatMap((payment) =>
        disagreements(
          'refund',
          payment.stripeRefundId,
          null,
          (payment.stripePaymentIntentId ? refundsOf.get(payment.stripePaymentIntentId) : undefined) ?? [],
        ).map((problem) => ({
          missionId: payment.missionId,
          paymentId: payment.id,
          problem,
        })),
      ),
    ];
    const known = new Set(payouts.map((payout) => payout.id));
    for (const transfer of transfers.filter((candidate) => !known.has(candidate.metadata.payoutId ?? ''))) {
      problems.push({
        missionId: transfer.metadata.missionId ?? '',
        paymentId: '',
        problem: `transfer ${transfer.id} on Stripe is no payout's`,
      });
    }
    return problems;
  }
}

/** What is wrong between the id we recorded (and the amount it moved, when it must equal ours) and what Stripe holds. */
function disagreements(
  kind: string,
  recordedId: string | null,
  amountCents: number | null,
  onStripe: { id: string; amount: number }[],
): string[] {
  const ids = onStripe.map((object) => object.id).join(', ');
  const problems = onStripe.length > 1 ? [`${onStripe.length} ${kind}s on Stripe (${ids})`] : [];
  const recorded = onStripe.find((object) => object.id === recordedId);
  if (recordedId && !recorded) problems.push(`its ${kind} ${recordedId} is not on Stripe`);
  if (!recordedId && onStripe.length > 0) problems.push(`a ${kind} on Stripe (${ids}) that we did not record`);
  if (recorded && amountCents !== null && recorded.amount !== amountCents) {
    problems.push(`its ${kind} ${recorded.id} moved ${recorded.amount} cents on Stripe, ${amountCents} in our records`);
  }
  return problems;
}

async function everything<T>(list: AsyncIterable<T>): Promise<T[]> {
  const objects: T[] = [];
  for await (const object of list) objects.push(object);
  return objects;
}

function groupBy<T>(objects: T[], keyOf: (object: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const object of objects) groups.set(keyOf(object), [...(groups.get(keyOf(object)) ?? []), object]);
  return groups;
}
