import { defineJob, JobQueue } from '@marketplace/jobs';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { PendingFeeInvoice } from './pending-fee-invoice.entity';

/** Issues a provider's pending fee invoices (FeeInvoicesService.issuePending). */
export const ISSUE_FEE_INVOICES = defineJob<{ providerId: string }>('invoicing:issue-fee-invoices', { maxAttempts: 10 });

/** Queues the issue of a provider's pending fee invoices, in the caller's transaction: one waiting job per provider (its job key). */
@Injectable()
export class FeeInvoiceQueue {
  constructor(private readonly jobs: JobQueue) {}

  queue(manager: EntityManager, providerId: string): Promise<void> {
    return this.jobs.enqueue(manager, ISSUE_FEE_INVOICES, { providerId }, { jobKey: providerId });
  }

  /** When the provider's records changed: only if fees wait for them. */
  async queueIfPending(manager: EntityManager, providerId: string): Promise<void> {
    if (await manager.existsBy(PendingFeeInvoice, { providerId, issuedAt: IsNull() })) await this.queue(manager, providerId);
  }
}
