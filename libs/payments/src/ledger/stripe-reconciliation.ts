import { groupBy } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Stripe from 'stripe';
import { Repository } from 'typeorm';
import { Chargeback } from '../chargebacks/chargeback.entity';
import { Payment } from '../payment.entity';
import { Payout } from '../payouts/payout.entity';
import { Refund } from '../refunds/refund.entity';
import { InjectStripe } from '../stripe/stripe-client';
import { chargebackOutcomeOf } from '../webhooks/stripe-event-shape';
import { LedgerCheck } from './ledger.service';

type LedgerProblem = LedgerCheck['problems'][number];

/** Stripe's timestamps and our database's clock may disagree: objects are read from a day before the first payment. */
const CLOCK_MARGIN_SECONDS = 86_400;

/**
 * Our records against Stripe's own, read through its list endpoints: each payout has at most one
 * transfer on Stripe, the one it recorded, for its amount; each payment's refunds and chargebacks
 * (disputes) on Stripe are exactly the ones recorded, for their amounts (and, for chargebacks, where
 * they stand). Only what Stripe created since the first payment
 * is read, not the account's older history.
 */
@Injectable()
export class StripeReconciliation {
  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectRepository(Payout) private readonly payouts: Repository<Payout>,
    @InjectRepository(Refund) private readonly refunds: Repository<Refund>,
    @InjectRepository(Chargeback) private readonly chargebacks: Repository<Chargeback>,
    @InjectStripe() private readonly stripe: Stripe,
  ) {}

  async check(): Promise<LedgerProblem[]> {
    const payments = await this.payments.find({ order: { createdAt: 'ASC' } });
    if (payments.length === 0) return [];
    const created = { gte: Math.floor(payments[0].createdAt.getTime() / 1000) - CLOCK_MARGIN_SECONDS };
    const [payouts, recordedRefunds, recordedChargebacks, transfers, stripeRefunds, disputes] = await Promise.all([
      this.payouts.find(),
      this.refunds.find(),
      this.chargebacks.find(),
      everything(this.stripe.transfers.list({ created, limit: 100 })),
      everything(this.stripe.refunds.list({ created, limit: 100 })),
      everything(this.stripe.disputes.list({ created, limit: 100 })),
    ]);
    const transfersOf = groupBy(transfers, (transfer) => transfer.metadata.payoutId ?? '');
    const stripeRefundsOf = groupBy(stripeRefunds, (refund) => (typeof refund.payment_intent === 'string' ? refund.payment_intent : ''));
    const recordedRefundsOf = groupBy(recordedRefunds, (refund) => refund.paymentId);
    const disputesOf = groupBy(disputes, (dispute) => (typeof dispute.payment_intent === 'string' ? dispute.payment_intent : ''));
    const recordedChargebacksOf = groupBy(recordedChargebacks, (chargeback) => chargeback.paymentId);
    const problems = [
      ...payouts.flatMap((payout) =>
        transferDisagreements(payout, transfersOf.get(payout.id) ?? []).map((problem) => ({
          missionId: payout.missionId,
          paymentId: payout.paymentId,
          problem,
        })),
      ),
      ...payments.flatMap((payment) =>
        refundDisagreements(
          recordedRefundsOf.get(payment.id) ?? [],
          (payment.stripePaymentIntentId ? stripeRefundsOf.get(payment.stripePaymentIntentId) : undefined) ?? [],
        ).map((problem) => ({ missionId: payment.missionId, paymentId: payment.id, problem })),
      ),
      ...payments.flatMap((payment) =>
        chargebackDisagreements(
          recordedChargebacksOf.get(payment.id) ?? [],
          (payment.stripePaymentIntentId ? disputesOf.get(payment.stripePaymentIntentId) : undefined) ?? [],
        ).map((problem) => ({ missionId: payment.missionId, paymentId: payment.id, problem })),
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

function transferDisagreements(payout: Payout, onStripe: Stripe.Transfer[]): string[] {
  const ids = onStripe.map((transfer) => transfer.id).join(', ');
  const problems = onStripe.length > 1 ? [`${onStripe.length} transfers on Stripe (${ids})`] : [];
  const recorded = onStripe.find((transfer) => transfer.id === payout.stripeTransferId);
  if (payout.stripeTransferId && !recorded) problems.push(`its transfer ${payout.stripeTransferId} is not on Stripe`);
  if (!payout.stripeTransferId && onStripe.length > 0) problems.push(`a transfer on Stripe (${ids}) that we did not record`);
  if (recorded && recorded.amount !== payout.amountCents) {
    problems.push(`its transfer ${recorded.id} moved ${recorded.amount} cents on Stripe, ${payout.amountCents} in our records`);
  }
  return problems;
}

/** Stripe's succeeded or pending refunds of the payment against ours: the same ones, for the same amounts. */
function refundDisagreements(recorded: Refund[], onStripe: Stripe.Refund[]): string[] {
  const ours = new Map(recorded.map((refund) => [refund.stripeRefundId, refund]));
  const problems: string[] = [];
  for (const refund of onStripe.filter((candidate) => candidate.status !== 'failed' && candidate.status !== 'canceled')) {
    const match = ours.get(refund.id);
    if (!match) problems.push(`a refund on Stripe (${refund.id}) that we did not record`);
    else if (match.amountCents !== refund.amount) {
      problems.push(`its refund ${refund.id} moved ${refund.amount} cents on Stripe, ${match.amountCents} in our records`);
    }
    ours.delete(refund.id);
  }
  for (const id of ours.keys()) problems.push(`its refund ${id} is not on Stripe`);
  return problems;
}

/** Stripe's disputes of the payment against our chargebacks: the same ones, for the same amounts, standing where Stripe says. */
function chargebackDisagreements(recorded: Chargeback[], onStripe: Stripe.Dispute[]): string[] {
  const ours = new Map(recorded.map((chargeback) => [chargeback.stripeDisputeId, chargeback]));
  const problems: string[] = [];
  for (const dispute of onStripe) {
    const match = ours.get(dispute.id);
    const outcome = chargebackOutcomeOf(dispute.status);
    if (!match) problems.push(`a chargeback on Stripe (${dispute.id}) that we did not record`);
    else if (match.amountCents !== dispute.amount) {
      problems.push(`its chargeback ${dispute.id} is of ${dispute.amount} cents on Stripe, ${match.amountCents} in our records`);
    } else if (match.status !== outcome)
      problems.push(`its chargeback ${dispute.id} is ${dispute.status} on Stripe, ${match.status} in our records`);
    ours.delete(dispute.id);
  }
  for (const id of ours.keys()) problems.push(`its chargeback ${id} is not on Stripe`);
  return problems;
}

async function everything<T>(list: AsyncIterable<T>): Promise<T[]> {
  const objects: T[] = [];
  for await (const object of list) objects.push(object);
  return objects;
}
