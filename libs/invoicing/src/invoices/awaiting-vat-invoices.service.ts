import { Mission } from '@marketplace/missions';
import { PaymentsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvoicingService } from './invoicing.service';
import { MissingInvoice, MissingInvoiceReason } from './missing-invoice.entity';

/** The invoices that waited for their provider's VAT number (ProviderVat.holdInvoice). */
@Injectable()
export class AwaitingVatInvoices {
  constructor(
    private readonly invoicing: InvoicingService,
    private readonly payments: PaymentsService,
  ) {}

  /**
   * Issues, oldest first and in the caller's transaction, every invoice of the provider that waits
   * for their VAT number, once the VAT terms allow it; those still waiting stay so.
   */
  async issueFor(manager: EntityManager, providerId: string): Promise<number> {
    const waiting = await manager.find(MissingInvoice, {
      where: { providerId, reason: MissingInvoiceReason.AWAITS_VAT_NUMBER },
      order: { createdAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    let issued = 0;
    for (const { missionId } of waiting) {
      const mission = await manager.findOneByOrFail(Mission, { id: missionId });
      const totalCents = (await this.payments.amountKeptOf(manager, missionId)) ?? 0;
      const invoice = totalCents > 0 ? await this.invoicing.issue(manager, mission, totalCents) : null;
      if (typeof invoice === 'string') continue;
      await manager.delete(MissingInvoice, { missionId });
      issued++;
    }
    return issued;
  }
}
