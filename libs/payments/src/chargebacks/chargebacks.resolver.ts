import {
  Connection,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  RequireRoles,
  Role,
  viewerOf,
} from '@marketplace/common';
import { Mission, MissionsLoader, MissionType } from '@marketplace/missions';
import { Args, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Payment } from '../payment.entity';
import { PaymentType } from '../payment.type';
import { Chargeback, ChargebackStatus } from './chargeback.entity';
import { ChargebackConnection, ChargebackType } from './chargeback.type';
import { ChargebacksService } from './chargebacks.service';

@Resolver(() => ChargebackType)
export class ChargebackResolver {
  constructor(
    private readonly service: ChargebacksService,
    private readonly missions: MissionsLoader,
    private readonly loaders: RequestLoaders,
  ) {}

  @RequireRoles(Role.MODERATOR)
  @Query(() => ChargebackConnection, { description: 'Moderators only: card chargebacks (of one status, or all), the first opened first.' })
  chargebacks(
    @Args('status', {
      type: () => ChargebackStatus,
      nullable: true,
      description: 'Only chargebacks in this status; all of them when omitted.',
    })
    status: ChargebackStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Chargeback>> {
    return this.service.list(status ?? null, first ?? 20, after);
  }

  @ResolveField(() => PaymentType, { description: 'The payment charged back.' })
  payment(chargeback: Chargeback, _args: unknown, { req }: FieldContext): Promise<Payment> {
    return this.loaders.get(req, 'paymentById', (ids: readonly string[]) => this.service.paymentsByIds(ids)).load(chargeback.paymentId);
  }

  @ResolveField(() => MissionType, { description: 'The mission paid for.' })
  mission(chargeback: Chargeback, _args: unknown, { req }: FieldContext): Promise<Mission> {
    const viewer = viewerOf(req);
    return this.missions.load(req, viewer, chargeback.missionId);
  }
}

/** A payment's chargebacks: seen by whoever sees the payment (the mission's parties; moderators, from `chargebacks`). */
@Resolver(() => PaymentType)
export class PaymentChargebacksResolver {
  constructor(
    private readonly service: ChargebacksService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => [ChargebackType], { description: "Card chargebacks of the payment by the client's bank, the first opened first." })
  chargebacks(payment: Payment, _args: unknown, { req }: FieldContext): Promise<Chargeback[]> {
    return this.loaders.get(req, 'chargebacksByPayment', (ids: readonly string[]) => this.service.ofPayments(ids)).load(payment.id);
  }
}
