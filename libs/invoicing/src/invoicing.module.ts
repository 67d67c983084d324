import { AccountsModule } from '@marketplace/accounts';
import { MissionEvents, MissionsModule } from '@marketplace/missions';
import { NotificationsModule } from '@marketplace/notifications';
import { PaymentEvents, PaymentsModule } from '@marketplace/payments';
import { StorageModule } from '@marketplace/storage';
import { ProvidersModule, ProvidersService } from '@marketplace/providers';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillingProfile } from './billing-profile/billing-profile.entity';
import { BillingProfilesService } from './billing-profile/billing-profiles.service';
import { FeeInvoicesService } from './invoices/fee-invoices.service';
import { PendingFeeInvoice } from './invoices/pending-fee-invoice.entity';
import { FeeInvoiceQueue } from './invoices/pending-fee-invoices';
import { CreditNotesService } from './invoices/credit-notes.service';
import { InvoiceContestsService } from './invoices/invoice-contests.service';
import { InvoiceDocumentsService } from './invoices/invoice-documents.service';
import { InvoiceNumbering } from './invoices/invoice-numbering';
import { InvoiceSeries } from './invoices/invoice-series.entity';
import { Invoice } from './invoices/invoice.entity';
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';
import { InvoicingService } from './invoices/invoicing.service';
import { MissingInvoice } from './invoices/missing-invoice.entity';
import { AwaitingVatInvoices } from './invoices/awaiting-vat-invoices.service';
import { ProviderVat } from './invoices/provider-vat';
import { InvoiceCorrectionsResolver, InvoiceDocumentsResolver, InvoicingResolver, MissionInvoicesResolver } from './invoicing.resolver';
import { BillingMandate } from './mandate/billing-mandate.entity';
import { BillingMandatesService } from './mandate/billing-mandates.service';
import { PaymentReceipt } from './receipts/payment-receipt.entity';
import { PaymentReceiptsService } from './receipts/payment-receipts.service';
import { MissionReceiptResolver } from './receipts/payment-receipts.resolver';
import { ReceiptsController } from './receipts/receipts.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([BillingMandate, BillingProfile, Invoice, InvoiceSeries, MissingInvoice, PaymentReceipt, PendingFeeInvoice]),
    AccountsModule,
    StorageModule,
    MissionsModule,
    ProvidersModule,
    PaymentsModule,
    NotificationsModule,
  ],
  controllers: [InvoicesController, ReceiptsController],
  providers: [
    BillingMandatesService,
    BillingProfilesService,
    InvoiceNumbering,
    InvoicingService,
    FeeInvoicesService,
    InvoicesService,
    InvoiceDocumentsService,
    InvoicingResolver,
    MissionInvoicesResolver,
    InvoiceDocumentsResolver,
    PaymentReceiptsService,
    MissionReceiptResolver,
    InvoiceContestsService,
    CreditNotesService,
    InvoiceCorrectionsResolver,
    ProviderVat,
    AwaitingVatInvoices,
    FeeInvoiceQueue,
  ],
  exports: [InvoiceDocumentsService, InvoiceContestsService, FeeInvoicesService, BillingProfilesService, ProviderVat, AwaitingVatInvoices],
})
export class InvoicingModule implements OnModuleInit {
  constructor(
    private readonly missionEvents: MissionEvents,
    private readonly invoicing: InvoicingService,
    private readonly feeInvoices: FeeInvoicesService,
    private readonly receipts: PaymentReceiptsService,
    private readonly paymentEvents: PaymentEvents,
    private readonly creditNotes: CreditNotesService,
    private readonly providers: ProvidersService,
    private readonly feeInvoiceQueue: FeeInvoiceQueue,
  ) {}

  /** After payments' own listener (this module imports payments, so it starts after it): the payout, and any split refund, are known. */
  onModuleInit(): void {
    this.missionEvents.onCompleted((manager, mission) => this.invoicing.issueForCompletion(manager, mission));
    this.missionEvents.onCompleted((manager, mission) => this.feeInvoices.recordForCompletion(manager, mission));
    this.missionEvents.onCompleted((manager, mission) => this.receipts.issueForCompletion(manager, mission));
    this.paymentEvents.onMoneyReturned((manager, returned) => this.creditNotes.creditMoneyReturned(manager, returned));
    this.providers.onProfileSaved((manager, providerId) => this.feeInvoiceQueue.queueIfPending(manager, providerId));
  }
}
