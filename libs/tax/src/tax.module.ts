import { AccountsModule } from '@marketplace/accounts';
import { EarningsModule } from '@marketplace/earnings';
import { InvoicingModule, ProviderVat } from '@marketplace/invoicing';
import { NotificationsModule } from '@marketplace/notifications';
import { PaymentEvents, PaymentsModule } from '@marketplace/payments';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TaxProfile } from './profile/tax-profile.entity';
import { TaxProfilesService } from './profile/tax-profiles.service';
import { TaxProfileResolver, UserTaxProfileResolver } from './tax.resolver';
import { ThresholdAlertSent } from './thresholds/threshold-alert.entity';
import { BidThresholdWarningResolver, ThresholdsResolver } from './thresholds/thresholds.resolver';
import { ThresholdsService } from './thresholds/thresholds.service';
import { VatTerms } from './thresholds/vat-terms';

@Module({
  imports: [
    TypeOrmModule.forFeature([TaxProfile, ThresholdAlertSent]),
    AccountsModule,
    EarningsModule,
    InvoicingModule,
    NotificationsModule,
    PaymentsModule,
  ],
  providers: [
    TaxProfilesService,
    TaxProfileResolver,
    UserTaxProfileResolver,
    ThresholdsService,
    ThresholdsResolver,
    BidThresholdWarningResolver,
    VatTerms,
  ],
  exports: [TaxProfilesService],
})
export class TaxModule implements OnModuleInit {
  constructor(
    private readonly paymentEvents: PaymentEvents,
    private readonly providerVat: ProviderVat,
    private readonly thresholds: ThresholdsService,
    private readonly vatTerms: VatTerms,
  ) {}

  /** Revenue is watched as payouts are recorded; invoicing asks the VAT terms of each provider invoice. */
  onModuleInit(): void {
    this.paymentEvents.onPayoutMade((manager, made) => this.thresholds.revenueRecorded(manager, made.providerId));
    this.providerVat.decideWith((manager, question) => this.vatTerms.of(manager, question));
  }
}
