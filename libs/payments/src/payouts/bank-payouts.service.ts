import { NotificationKind } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Payout, PayoutStatus } from './payout.entity';
import { PayoutsService } from './payouts.service';

/**
 * What Stripe reports of the payouts from a provider's connected account to their bank, after our
 * transfer: a payout carries the account's whole balance, so it settles every payout of ours that
 * was transferred and not yet paid out. A bank may return a payout even after Stripe reported it
 * paid; the money is then back in the provider's Stripe balance and leaves with their next payout.
 * The events may arrive in any order: a failure is tied to its Stripe payout, which a late report
 * of that same payout's success does not undo.
 */
@Injectable()
export class BankPayoutsService {
  constructor(private readonly payouts: PayoutsService) {}

  /** payout.paid: what was transferred (or came back from a failed payout) has reached the bank. */
  async recordPaid(manager: EntityManager, providerId: string, bankPayoutId: string, paidAt: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Payout)
      .set({ status: PayoutStatus.PAID_OUT, paidOutAt: paidAt, bankPayoutId, bankFailureReason: null })
      .where('provider_id = :providerId', { providerId })
      .andWhere('(status = :transferred OR (status = :bankFailed AND bank_payout_id IS DISTINCT FROM :bankPayoutId))', {
        transferred: PayoutStatus.TRANSFERRED,
        bankFailed: PayoutStatus.BANK_PAYOUT_FAILED,
        bankPayoutId,
      })
      .execute();
  }

  /**
   * payout.failed: that payout, and what was waiting for it (its payout.paid may not have arrived
   * yet), failed at the bank; the provider hears of each payout it carried.
   */
  async recordFailed(manager: EntityManager, providerId: string, bankPayoutId: string, reason: string): Promise<void> {
    const failed = await manager
      .createQueryBuilder()
      .update(Payout)
      .set({ status: PayoutStatus.BANK_PAYOUT_FAILED, paidOutAt: null, bankPayoutId, bankFailureReason: reason })
      .where('provider_id = :providerId', { providerId })
      .andWhere('(status = :transferred OR (status = :paidOut AND bank_payout_id = :bankPayoutId))', {
        transferred: PayoutStatus.TRANSFERRED,
        paidOut: PayoutStatus.PAID_OUT,
        bankPayoutId,
      })
      .returning(['id', 'missionId', 'providerId', 'amountCents'])
      .execute();
    for (const row of failed.raw as { id: string; mission_id: string; provider_id: string; amount_cents: number }[]) {
      const payout = Object.assign(new Payout(), {
        id: row.id,
        missionId: row.mission_id,
        providerId: row.provider_id,
        amountCents: row.amount_cents,
      });
      await this.payouts.tellProvider(manager, NotificationKind.PAYOUT_FAILED, payout);
    }
  }
}
