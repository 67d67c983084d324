import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, LessThan } from 'typeorm';
import { DailyDocumentUploadsError, TooManyUnsubmittedDocumentsError } from '../identity.errors';
import { IdentityDocumentUpload } from './identity-document-upload.entity';

const DAY_MS = 86_400_000;
/** Past this, an upload still marked in flight was cut by a crash (Node ends a request after 5 minutes). */
const IN_FLIGHT_MS = 15 * 60_000;

/**
 * Per-user limits on identity document uploads, checked before the body is read: uploads in the
 * last 24 hours, and documents not yet submitted (uploads still streaming in included).
 */
@Injectable()
export class DocumentUploadQuota {
  constructor(
    private readonly transactions: Transactions,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Lets one upload in and gives the id its document will have, or refuses it. The owner's
   * uploads are admitted one at a time (an advisory lock), so concurrent uploads cannot all pass.
   */
  async admit(ownerId: string): Promise<string> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`identity-document-uploads:${ownerId}`]);
      const usage = await this.usageOf(manager, ownerId, now);
      const { identityDocumentUploadsPerDay: perDay, identityDocumentMaxUnsubmitted: maxUnsubmitted } = this.config;
      if (usage.today >= perDay) {
        const retryAfterSeconds = Math.max(1, Math.ceil((usage.oldestToday.getTime() + DAY_MS - now.getTime()) / 1000));
        throw new DailyDocumentUploadsError(perDay, retryAfterSeconds);
      }
      if (usage.unsubmitted >= maxUnsubmitted) throw new TooManyUnsubmittedDocumentsError(maxUnsubmitted);
      const id = randomUUID();
      await manager.insert(IdentityDocumentUpload, { id, ownerId, startedAt: now, finishedAt: null });
      return id;
    });
  }

  /** Stored: in the transaction that writes its document's row, so it is never counted twice or not at all. */
  async finish(id: string, manager: EntityManager): Promise<void> {
    await manager.update(IdentityDocumentUpload, { id }, { finishedAt: this.clock.now() });
  }

  /** Refused or failed while streaming in: it still counts for the day. */
  async abandon(id: string): Promise<void> {
    await this.transactions.run((manager) => this.finish(id, manager));
  }

  /** Uploads older than a day no longer count for anything. */
  async forgetOld(): Promise<void> {
    await this.transactions.run((manager) => manager.delete(IdentityDocumentUpload, { startedAt: LessThan(this.dayAgo()) }));
  }

  /** The uploads `forgetOld` will forget that never became a document (refused, or cut short): their file may be left. */
  oldUploadsWithoutDocument(): Promise<IdentityDocumentUpload[]> {
    return this.transactions.run((manager) =>
      manager
        .createQueryBuilder(IdentityDocumentUpload, 'u')
        .where('u.started_at < :dayAgo', { dayAgo: this.dayAgo() })
        .andWhere('NOT EXISTS (SELECT 1 FROM identity_documents d WHERE d.id = u.id)')
        .getMany(),
    );
  }

  private dayAgo(): Date {
    return new Date(this.clock.now().getTime() - DAY_MS);
  }

  private async usageOf(
    manager: EntityManager,
    ownerId: string,
    now: Date,
  ): Promise<{ today: number; oldestToday: Date; unsubmitted: number }> {
    const [usage] = await manager.query(
      `SELECT count(*)::int AS today, min(started_at) AS "oldestToday",
              ((SELECT count(*) FROM identity_documents WHERE owner_id = $1 AND verification_id IS NULL)
                + count(*) FILTER (WHERE finished_at IS NULL AND started_at > $3))::int AS unsubmitted
         FROM identity_document_uploads
        WHERE owner_id = $1 AND started_at > $2`,
      [ownerId, new Date(now.getTime() - DAY_MS), new Date(now.getTime() - IN_FLIGHT_MS)],
    );
    return usage;
  }
}
