import { BadUserInputError, Clock, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { Mission, MissionsService, MissionStateError, MissionStatus } from '@marketplace/missions';
import { ModerationLog } from '@marketplace/moderation-log';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Payment } from '../payment.entity';
import {
  NotAssignedProviderError,
  NotClientError,
  NothingToSplitError,
  PaymentNotReceivedError,
  SplitRefundError,
} from '../payments.errors';
import { PaymentsService, UNPAID } from '../payments.service';
import { PayoutsService } from '../payouts/payouts.service';
import { RefundsService } from '../refunds/refunds.service';
import { centsLeftOf, PAID } from '../settlement';

export const AUTO_COMPLETE_MISSION = defineJob<{ missionId: string }>('missions:auto-complete', { maxAttempts: 10 });

export enum DisputeResolution {
  PAY_PROVIDER = 'PAY_PROVIDER',
  REFUND_CLIENT = 'REFUND_CLIENT',
  /** Part back to the client (refundCents), the rest paid to the provider, the fee taken on the provider's part only. */
  SPLIT = 'SPLIT',
}

/**
 * A mission after acceptance (SPEC §7): delivery, completion (by the client, or by itself after
 * AUTO_COMPLETE_DAYS), disputes and their resolution. Each step locks the mission, checks who
 * acts and from which state, moves it along MISSION_TRANSITIONS, and queues what follows (the
 * payout, the refund, the auto-completion) in the same transaction.
 */
@Injectable()
export class MissionLifecycleService {
  constructor(
    private readonly missions: MissionsService,
    private readonly payments: PaymentsService,
    private readonly payouts: PayoutsService,
    private readonly refunds: RefundsService,
    private readonly moderationLog: ModerationLog,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The assigned provider says the work is done; only once the client's payment has been received. */
  async markDelivered(provider: Viewer, missionId: string): Promise<Mission> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, missionId);
      if (mission.assignedProviderId !== provider.id) throw new NotAssignedProviderError();
      const payment = mission.status === MissionStatus.ASSIGNED ? await this.paymentOf(manager, mission) : null;
      if (mission.status === MissionStatus.ASSIGNED && !(payment && PAID.includes(payment.status))) throw new PaymentNotReceivedError();
      const now = this.clock.now();
      const delivered = await this.missions.transition(manager, mission, MissionStatus.DELIVERED, { deliveredAt: now });
      await this.scheduleAutoCompletion(manager, delivered);
      return delivered;
    });
  }

  /** The client confirms the work: the mission completes and the provider's payout goes. */
  async confirmCompletion(client: Viewer, missionId: string): Promise<Mission> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, missionId);
      if (mission.clientId !== client.id) throw new NotClientError();
      if (mission.status !== MissionStatus.DELIVERED) throw new MissionStateError(mission.status, 'confirmed');
      return this.complete(manager, mission);
    });
  }

  /** The auto-completion job: a delivery nobody disputed within AUTO_COMPLETE_DAYS completes by itself. */
  async completeIfUndisputed(missionId: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, missionId);
      if (mission.status !== MissionStatus.DELIVERED) return false;
      if (this.clock.now() < this.autoCompletionDue(mission)) {
        await this.scheduleAutoCompletion(manager, mission); // run early (clock skew, an operator): try again when due
        return false;
      }
      await this.complete(manager, mission);
      return true;
    });
  }

  /**
   * The lapse job: an acceptance still unpaid at its payment's dueAt lapses. The payment is called
   * off (its PaymentIntent canceled at Stripe by a job), the bid EXPIRED and the mission OPEN
   * again. Nothing happens once the payment succeeded or the mission moved on.
   */
  async lapseIfUnpaid(paymentId: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const unlocked = await manager.findOneBy(Payment, { id: paymentId });
      if (!unlocked) return false;
      const mission = await this.missions.lockForLifecycle(manager, unlocked.missionId);
      const payment = await this.payments.lockedLivePayment(manager, paymentId);
      if (!payment?.dueAt || !UNPAID.includes(payment.status)) return false;
      if (mission.status !== MissionStatus.ASSIGNED || mission.acceptedBidId !== payment.bidId) return false;
      if (this.clock.now() < payment.dueAt) {
        await this.payments.scheduleLapse(manager, payment); // run early (clock skew, an operator): try again when due
        return false;
      }
      await this.payments.lapse(manager, payment);
      await this.missions.reopen(manager, mission);
      return true;
    });
  }

  /** The client disputes a delivery: the payout waits for a moderator. */
  async openDispute(client: Viewer, missionId: string, reason: string): Promise<Mission> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, missionId);
      if (mission.clientId !== client.id) throw new NotClientError();
      return this.missions.transition(manager, mission, MissionStatus.DISPUTED, { disputedAt: this.clock.now(), disputeReason: reason });
    });
  }

  /**
   * A moderator who is not a party settles a dispute: the provider is paid (COMPLETED), the client
   * refunded (CANCELLED), or a split: `refundCents` back to the client and the rest to the provider
   * (COMPLETED), both queued in this transaction.
   */
  async resolveDispute(
    moderator: Viewer,
    missionId: string,
    resolution: DisputeResolution,
    note: string,
    refundCents: number | null = null,
  ): Promise<Mission> {
    if ((resolution === DisputeResolution.SPLIT) !== (refundCents !== null)) throw new SplitRefundError(resolution);
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, missionId);
      this.missions.assertNotPartyTo(moderator, mission);
      if (mission.status !== MissionStatus.DISPUTED) throw new MissionStateError(mission.status, 'resolved');
      const settled = { disputeResolution: resolution, disputeResolutionNote: note };
      let resolved: Mission;
      if (resolution === DisputeResolution.REFUND_CLIENT) {
        resolved = await this.missions.transition(manager, mission, MissionStatus.CANCELLED, {
          ...settled,
          cancelledAt: this.clock.now(),
          cancellationReason: note,
        });
        await this.payments.callOff(manager, missionId);
      } else {
        if (refundCents !== null) await this.refundPart(manager, mission, refundCents);
        resolved = await this.complete(manager, mission, settled);
      }
      await this.moderationLog.record(manager, {
        moderatorId: moderator.id,
        action: 'RESOLVE_DISPUTE',
        targetId: missionId,
        reason: refundCents === null ? `${resolution}: ${note}` : `${resolution} (${refundCents} cents to the client): ${note}`,
      });
      return resolved;
    });
  }

  /** A split's refund, due at once: some of what is left of the payment, not all of it (that is REFUND_CLIENT). */
  private async refundPart(manager: EntityManager, mission: Mission, refundCents: number): Promise<void> {
    const payment = await this.paymentOf(manager, mission);
    if (!payment || !PAID.includes(payment.status)) throw new NothingToSplitError();
    const left = centsLeftOf(payment);
    if (refundCents >= left)
      throw BadUserInputError.forField('refundCents', `must be less than the ${left} cents left of the payment (all of it: REFUND_CLIENT)`);
    await this.refunds.request(manager, payment, refundCents);
  }

  private async complete(manager: EntityManager, mission: Mission, changes: Partial<Mission> = {}): Promise<Mission> {
    const completed = await this.missions.transition(manager, mission, MissionStatus.COMPLETED, {
      ...changes,
      completedAt: this.clock.now(),
    });
    const payment = await this.paymentOf(manager, mission);
    if (payment && PAID.includes(payment.status)) await this.payouts.createFor(manager, payment);
    return completed;
  }

  private autoCompletionDue(mission: Mission): Date {
    return new Date(mission.deliveredAt!.getTime() + this.config.autoCompleteDays * 86_400_000);
  }

  private scheduleAutoCompletion(manager: EntityManager, mission: Mission): Promise<void> {
    const runAt = this.autoCompletionDue(mission);
    return this.jobs.enqueue(manager, AUTO_COMPLETE_MISSION, { missionId: mission.id }, { runAt, jobKey: mission.id });
  }

  private paymentOf(manager: EntityManager, mission: Mission): Promise<Payment | null> {
    return manager.findOne(Payment, { where: { missionId: mission.id, lapsedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }
}
