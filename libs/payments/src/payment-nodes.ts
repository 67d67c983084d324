import { isModerator, NodeSources, Viewer } from '@marketplace/common';
import { MissionsService } from '@marketplace/missions';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Chargeback } from './chargebacks/chargeback.entity';
import { Payment } from './payment.entity';
import { Payout, PayoutStatus } from './payouts/payout.entity';
import { Refund } from './refunds/refund.entity';

/**
 * The money's rows as Relay nodes, seen by whom the fields and queries that lead to them show them:
 * a mission's current payment to its parties (Mission.payment), a charged-back one to moderators
 * (chargebacks); a payout, a refund and a chargeback with their payment (Payment.payout, .refunds,
 * .chargebacks), a payout also to its provider (myPayouts), a FAILED one and any chargeback to moderators.
 */
@Injectable()
export class PaymentNodes {
  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectRepository(Payout) private readonly payouts: Repository<Payout>,
    @InjectRepository(Refund) private readonly refunds: Repository<Refund>,
    @InjectRepository(Chargeback) private readonly chargebacks: Repository<Chargeback>,
    private readonly missions: MissionsService,
  ) {}

  register(nodes: NodeSources): void {
    nodes.register({ typeName: 'Payment', visibleByIds: (viewer, ids) => this.paymentsSeenBy(viewer, ids) });
    nodes.register({
      typeName: 'Payout',
      visibleByIds: (viewer, ids) =>
        this.withTheirPayments(
          viewer,
          this.payouts,
          ids,
          (payout, seer) => payout.providerId === seer.id || (isModerator(seer) && payout.status === PayoutStatus.FAILED),
        ),
    });
    nodes.register({ typeName: 'Refund', visibleByIds: (viewer, ids) => this.withTheirPayments(viewer, this.refunds, ids, () => false) });
    nodes.register({
      typeName: 'Chargeback',
      visibleByIds: (viewer, ids) => this.withTheirPayments(viewer, this.chargebacks, ids, (_row, seer) => isModerator(seer)),
    });
  }

  private async paymentsSeenBy(viewer: Viewer | undefined, ids: readonly string[]): Promise<Payment[]> {
    if (!viewer || ids.length === 0) return [];
    const payments = await this.payments.findBy({ id: In([...ids]) });
    if (payments.length === 0) return [];
    const [missions, chargedBack] = await Promise.all([
      this.missions.findByIds([...new Set(payments.map((payment) => payment.missionId))]),
      isModerator(viewer) ? this.chargebacks.findBy({ paymentId: In(payments.map((payment) => payment.id)) }) : Promise.resolve([]),
    ]);
    const missionsById = new Map(missions.map((mission) => [mission.id, mission]));
    const chargedBackIds = new Set(chargedBack.map((chargeback) => chargeback.paymentId));
    return payments.filter(
      (payment) =>
        (payment.lapsedAt === null && this.missions.isParty(missionsById.get(payment.missionId)!, viewer)) ||
        chargedBackIds.has(payment.id),
    );
  }

  /** Rows of a payment's own (payout, refunds, chargebacks): seen with their payment, or by the row's own rule. */
  private async withTheirPayments<T extends { id: string; paymentId: string }>(
    viewer: Viewer | undefined,
    repository: Repository<T>,
    ids: readonly string[],
    seenAnyway: (row: T, viewer: Viewer) => boolean,
  ): Promise<T[]> {
    if (!viewer || ids.length === 0) return [];
    const rows = await repository.createQueryBuilder('r').where('r.id = ANY(:ids::uuid[])', { ids }).getMany();
    if (rows.length === 0) return [];
    const seen = new Set((await this.paymentsSeenBy(viewer, [...new Set(rows.map((row) => row.paymentId))])).map((payment) => payment.id));
    return rows.filter((row) => seenAnyway(row, viewer) || seen.has(row.paymentId));
  }
}
