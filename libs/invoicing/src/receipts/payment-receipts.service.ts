import { AccountsService } from '@marketplace/accounts';
import { Clock, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Mission } from '@marketplace/missions';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { PaymentsService } from '@marketplace/payments';
import { ProvidersService } from '@marketplace/providers';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { BillingProfilesService } from '../billing-profile/billing-profiles.service';
import { platformIssuerOf } from '../documents/invoice-mentions';
import { PaymentReceiptNotFoundError } from '../invoicing.errors';
import { MissingInvoiceReason } from '../invoices/missing-invoice.entity';
import { parisDate } from '../invoices/invoice-numbering';
import { BillingMandate } from '../mandate/billing-mandate.entity';
import { BillingMandatesService } from '../mandate/billing-mandates.service';
import { PaymentReceipt } from './payment-receipt.entity';
import { paymentReceiptPdf } from './payment-receipt-pdf';

const MISSING = 'MISSING';
const OK = 'OK';

/**
 * When a completed mission gets no invoice from the platform (its `missing_invoices` row): the
 * client gets a payment receipt, the provider a notice of exactly what they miss (and that they
 * invoice this mission themselves). Both in the completion's transaction, once: the row's
 * `notified_at` is set by the statement that claims it.
 */
@Injectable()
export class PaymentReceiptsService {
  private readonly platform: { name: string; siren: string };

  constructor(
    @InjectRepository(PaymentReceipt) private readonly receipts: Repository<PaymentReceipt>,
    private readonly mandates: BillingMandatesService,
    private readonly billingProfiles: BillingProfilesService,
    private readonly accounts: AccountsService,
    private readonly providers: ProvidersService,
    private readonly payments: PaymentsService,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    @InjectConfig() config: AppConfig,
  ) {
    this.platform = platformIssuerOf(config.platformLegal);
  }

  /** After InvoicingService.issueForCompletion, in the same transaction. */
  async issueForCompletion(manager: EntityManager, mission: Mission): Promise<void> {
    const issuedAt = this.clock.now();
    const [claimed]: { reason: MissingInvoiceReason; provider_id: string }[] = await manager.query(
      `WITH claimed AS (UPDATE missing_invoices SET notified_at = $2 WHERE mission_id = $1 AND notified_at IS NULL RETURNING reason, provider_id)
       SELECT reason, provider_id FROM claimed`,
      [mission.id, issuedAt],
    );
    if (!claimed) return;
    const providerId = claimed.provider_id;
    const totalCents = (await this.payments.amountKeptOf(manager, mission.id)) ?? 0;
    const client = await this.accounts.findIn(manager, mission.clientId);
    const providerUser = await this.accounts.findIn(manager, providerId);
    const profile = await this.providers.findIn(manager, providerId);
    const billing = await this.billingProfiles.of(manager, providerId);
    const providerName = billing?.fullName ?? providerUser!.displayName;
    await manager.insert(PaymentReceipt, {
      missionId: mission.id,
      clientId: mission.clientId,
      issuedAt,
      totalCents,
      currency: 'EUR',
      facts: {
        issueDate: parisDate(issuedAt),
        missionTitle: mission.title,
        serviceDate: parisDate(mission.completedAt!),
        paidDate: parisDate(mission.paymentReceivedAt!),
        totalCents,
        currency: 'EUR',
        clientName: client!.displayName,
        provider: { name: providerName, siret: profile?.siret ?? null },
        platform: this.platform,
        reason: claimed.reason,
      },
    });
    await this.notifier.notify(manager, {
      userId: mission.clientId,
      kind: NotificationKind.PAYMENT_RECEIPT,
      missionId: mission.id,
      facts: { missionTitle: mission.title, providerName, amountCents: totalCents },
    });
    const hasSiret = !!profile?.siret;
    await this.notifier.notify(manager, {
      userId: providerId,
      kind: NotificationKind.INVOICE_MISSING,
      missionId: mission.id,
      facts: {
        missionTitle: mission.title,
        clientName: client!.displayName,
        amountCents: totalCents,
        mandate: await this.mandateStateOf(manager, providerId),
        siret: hasSiret ? OK : MISSING,
        billingAddress: billing ? OK : MISSING,
        // The platform's own fee invoice needs the provider's SIREN and address too (FeeInvoicesService).
        feeInvoice: hasSiret && billing ? OK : MISSING,
      },
    });
  }

  /** Every requirement is told, not only the first missing: the provider fixes them all at once. */
  private async mandateStateOf(manager: EntityManager, providerId: string): Promise<string> {
    if (await this.mandates.inForce(manager, providerId)) return OK;
    const revoked = await manager.existsBy(BillingMandate, { providerId, revokedAt: Not(IsNull()) });
    return revoked ? 'REVOKED' : MISSING;
  }

  /** Each mission's receipt, for its client only (null for anyone else), in the order asked. */
  async ofMissions(viewer: Viewer | undefined, missionIds: readonly string[]): Promise<(PaymentReceipt | null)[]> {
    if (!viewer) return missionIds.map(() => null);
    const found = await this.receipts.findBy({ missionId: In([...missionIds]), clientId: viewer.id });
    const byMission = new Map(found.map((receipt) => [receipt.missionId, receipt]));
    return missionIds.map((missionId) => byMission.get(missionId) ?? null);
  }

  /** The receipt's PDF, for its client; NOT_FOUND for anyone else. */
  async download(viewer: Viewer, receiptId: string): Promise<Buffer> {
    const receipt = await this.receipts.findOneBy({ id: receiptId, clientId: viewer.id });
    if (!receipt) throw new PaymentReceiptNotFoundError();
    return paymentReceiptPdf(receipt.id, receipt.facts, receipt.issuedAt);
  }
}
