import { EarningsModule } from '@marketplace/earnings';
import { IdentityModule } from '@marketplace/identity';
import { InvoicingModule } from '@marketplace/invoicing';
import { DecisionReversals, ModerationDecisionKind, ModerationDecisionsModule } from '@marketplace/moderation-decisions';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { NotificationsModule } from '@marketplace/notifications';
import { PaymentsModule, PayoutHolds, PayoutWithholding } from '@marketplace/payments';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { ProvidersModule } from '@marketplace/providers';
import { TaxModule } from '@marketplace/tax';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Dac7Details } from './details/dac7-details.entity';
import { Dac7DetailsService } from './details/dac7-details.service';
import { Dac7DiligenceService } from './details/dac7-diligence.service';
import { Dac7ReportService } from './report/dac7-report.service';
import { UrssafController } from './urssaf/urssaf.controller';
import { UrssafDeclarationsService } from './urssaf/urssaf-declarations.service';
import { UrssafWithholdingService } from './urssaf/urssaf-withholding.service';
import { MissionTaxObligationsResolver, PayoutTaxResolver, TaxReportingResolver } from './tax-reporting.resolver';

/** What the platform reports about its providers (DAC7), gives them to declare (URSSAF), and tells them of their obligations (art. 242 bis). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Dac7Details]),
    EarningsModule,
    IdentityModule,
    InvoicingModule,
    ModerationLogModule,
    ModerationDecisionsModule,
    NotificationsModule,
    PaymentsModule,
    ProvidersModule,
    TaxModule,
  ],
  controllers: [UrssafController],
  providers: [
    Dac7DetailsService,
    Dac7DiligenceService,
    Dac7ReportService,
    TaxReportingResolver,
    MissionTaxObligationsResolver,
    PayoutTaxResolver,
    UrssafDeclarationsService,
    UrssafWithholdingService,
  ],
  exports: [Dac7DiligenceService, Dac7ReportService],
})
export class TaxReportingModule implements OnModuleInit {
  constructor(
    private readonly holds: PayoutHolds,
    private readonly diligence: Dac7DiligenceService,
    private readonly withholding: PayoutWithholding,
    private readonly urssafWithholding: UrssafWithholdingService,
    private readonly reversals: DecisionReversals,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Payments asks before each transfer whether the provider's payouts are held for missing DAC7
   * data, and, with URSSAF_WITHHOLDING on, what to withhold from it. A hold reversed on review is lifted here.
   */
  onModuleInit(): void {
    this.holds.register((providerId) => this.diligence.holdReasonOf(providerId));
    this.reversals.on(ModerationDecisionKind.PAYOUT_HELD, (manager, decision, reviewer) =>
      this.diligence.reverseHold(manager, decision.userId, reviewer),
    );
    if (this.config.urssafWithholding)
      this.withholding.register((payout, grossCents) => this.urssafWithholding.of(payout.providerId, grossCents));
  }
}
