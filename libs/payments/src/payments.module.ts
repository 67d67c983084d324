import { AccountsModule } from '@marketplace/accounts';
import { AppConfig, APP_CONFIG } from '@marketplace/config';
import { MissionEvents, MissionsModule } from '@marketplace/missions';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { ProvidersModule } from '@marketplace/providers';
import { NodeSources } from '@marketplace/common';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Chargeback } from './chargebacks/chargeback.entity';
import { ChargebackResolver, PaymentChargebacksResolver } from './chargebacks/chargebacks.resolver';
import { ChargebacksService } from './chargebacks/chargebacks.service';
import { LedgerEntry } from './ledger/ledger-entry.entity';
import { Ledger } from './ledger/ledger.service';
import { StripeReconciliation } from './ledger/stripe-reconciliation';
import { PaymentEvents } from './payment-events';
import { PaymentNodes } from './payment-nodes';
import { Payment } from './payment.entity';
import {
  DisputePaymentResolver,
  LapsedAcceptanceResolver,
  MissionPaymentResolver,
  PaymentResolver,
  PayoutResolver,
} from './payments.resolver';
import { PaymentsService } from './payments.service';
import { BankPayoutsService } from './payouts/bank-payouts.service';
import { PayoutHolds } from './payouts/payout-holds';
import { PayoutWithholding } from './payouts/payout-withholding';
import { PayoutOnboardingService } from './payouts/payout-onboarding.service';
import { Payout } from './payouts/payout.entity';
import { PayoutsService } from './payouts/payouts.service';
import { Refund } from './refunds/refund.entity';
import { RefundsService } from './refunds/refunds.service';
import { createStripeClient, STRIPE } from './stripe/stripe-client';
import { StripeEvent } from './webhooks/stripe-event.entity';
import { StripeWebhooksController } from './webhooks/stripe-webhooks.controller';
import { StripeWebhooksService } from './webhooks/stripe-webhooks.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Payment, Payout, Refund, LedgerEntry, StripeEvent, Chargeback]),
    AccountsModule,
    MissionsModule,
    ProvidersModule,
    ModerationLogModule,
  ],
  controllers: [StripeWebhooksController],
  providers: [
    { provide: STRIPE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createStripeClient(config) },
    PaymentsService,
    PayoutsService,
    RefundsService,
    BankPayoutsService,
    PayoutOnboardingService,
    StripeWebhooksService,
    Ledger,
    StripeReconciliation,
    MissionPaymentResolver,
    DisputePaymentResolver,
    PaymentResolver,
    PayoutResolver,
    LapsedAcceptanceResolver,
    ChargebacksService,
    ChargebackResolver,
    PaymentChargebacksResolver,
    PaymentNodes,
    PaymentEvents,
    PayoutHolds,
    PayoutWithholding,
  ],
  exports: [PaymentsService, PayoutsService, RefundsService, Ledger, StripeReconciliation, PaymentEvents, PayoutHolds, PayoutWithholding],
})
export class PaymentsModule implements OnModuleInit {
  constructor(
    private readonly missionEvents: MissionEvents,
    private readonly payments: PaymentsService,
    private readonly paymentNodes: PaymentNodes,
    private readonly nodes: NodeSources,
  ) {}

  /**
   * The payment is created with the assignment, its PaymentIntent after the commit; a mission's
   * cancellation queues its refund, or the cancellation of its PaymentIntent.
   */
  onModuleInit(): void {
    this.missionEvents.onAssigned((manager, mission, assignment) => this.payments.createForAssignment(manager, mission, assignment));
    this.missionEvents.onAssignmentCommitted((mission) => this.payments.createPaymentIntentNow(mission));
    this.missionEvents.onCancelled((manager, mission) => this.payments.callOff(manager, mission.id));
    this.missionEvents.onCompleted((manager, mission) => this.payments.settleCompletion(manager, mission));
    this.missionEvents.onAcceptanceLapsed((manager, _mission, bidId) => this.payments.lapseAcceptance(manager, bidId));
    this.paymentNodes.register(this.nodes);
  }
}
