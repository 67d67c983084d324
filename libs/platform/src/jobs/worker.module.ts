import { AccountsModule } from '@marketplace/accounts';
import { IdentityModule } from '@marketplace/identity';
import { InvoicingModule } from '@marketplace/invoicing';
import { MissionsModule } from '@marketplace/missions';
import { NotificationsModule } from '@marketplace/notifications';
import { PaymentsModule } from '@marketplace/payments';
import { PersonalDataModule } from '@marketplace/personal-data';
import { PhotosModule } from '@marketplace/photos';
import { PriceInsightModule } from '@marketplace/price-insight';
import { RatingsModule } from '@marketplace/ratings';
import { RetentionModule } from '@marketplace/retention';
import { TaxReportingModule } from '@marketplace/tax-reporting';
import { Module } from '@nestjs/common';
import { AcceptInvoiceTacitlyJob } from './accept-invoice-tacitly.job';
import { AutoCompleteMissionJob } from './auto-complete-mission.job';
import { BuildDataExportJob } from './build-data-export.job';
import { CancelPaymentIntentJob } from './cancel-payment-intent.job';
import { CreatePaymentIntentJob } from './create-payment-intent.job';
import { Dac7DiligenceJob } from './dac7-diligence.job';
import { DeleteErasedFilesJob } from './delete-erased-files.job';
import { EmailNotificationJob } from './email-notification.job';
import { LapseUnpaidAcceptanceJob } from './lapse-unpaid-acceptance.job';
import { PurgeIdentityDocumentsJob } from './purge-identity-documents.job';
import { PublishRatingsJob } from './publish-ratings.job';
import { RecordStripeRefundsJob } from './record-stripe-refunds.job';
import { RefundPaymentJob } from './refund-payment.job';
import { RefreshPriceInsightJob } from './refresh-price-insight.job';
import { RenderInvoiceDocumentsJob } from './render-invoice-documents.job';
import { IssueFeeInvoicesJob } from './issue-fee-invoices.job';
import { SendEmailJob } from './send-email.job';
import { TransferPayoutJob } from './transfer-payout.job';

/** The job handlers, one file each. Imported by the worker process, and by the API when it runs the worker in-process. */
@Module({
  imports: [
    AccountsModule,
    IdentityModule,
    MissionsModule,
    NotificationsModule,
    PaymentsModule,
    PhotosModule,
    RatingsModule,
    InvoicingModule,
    TaxReportingModule,
    PriceInsightModule,
    PersonalDataModule,
    RetentionModule,
  ],
  providers: [
    PurgeIdentityDocumentsJob,
    TransferPayoutJob,
    RefundPaymentJob,
    RecordStripeRefundsJob,
    CreatePaymentIntentJob,
    CancelPaymentIntentJob,
    AutoCompleteMissionJob,
    LapseUnpaidAcceptanceJob,
    PublishRatingsJob,
    SendEmailJob,
    EmailNotificationJob,
    RenderInvoiceDocumentsJob,
    AcceptInvoiceTacitlyJob,
    Dac7DiligenceJob,
    RefreshPriceInsightJob,
    IssueFeeInvoicesJob,
    BuildDataExportJob,
    DeleteErasedFilesJob,
  ],
})
export class WorkerModule {}
