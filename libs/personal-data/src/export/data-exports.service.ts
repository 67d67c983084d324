import { AccountsService } from '@marketplace/accounts';
import { Clock, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { defineJob, JobAttempt, JobQueue } from '@marketplace/jobs';
import { Notifier, NotificationKind } from '@marketplace/notifications';
import { FileStorage } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { LessThanOrEqual, Repository } from 'typeorm';
import {
  DataExportExpiredError,
  DataExportInProgressError,
  DataExportNotFoundError,
  DataExportNotReadyError,
  DataExportRequestedTooSoonError,
} from '../personal-data.errors';
import { DataExport, DataExportStatus } from '../data-export.entity';
import { DataExportArchive } from './data-export-archive';

/** How long an archive can be downloaded once it is ready; then it is deleted (deleteExpiredArchives). */
export const DATA_EXPORT_DOWNLOAD_HOURS = 24;
/** A user asks at most once a minute (and never while their previous export is being built). */
export const DATA_EXPORT_REQUEST_INTERVAL_SECONDS = 60;
/** myDataExports lists the newest ones only: older requests are a record, not something to download. */
const LISTED_EXPORTS = 20;

export const BUILD_DATA_EXPORT = defineJob<{ exportId: string }>('personal-data:build-export', { maxAttempts: 5 });

/** An export as its owner sees it: its status says EXPIRED from `expiresAt` on, before the purge has run. */
export type DataExportView = DataExport & { downloadPath: string | null };

/**
 * Copies of a user's data (GDPR arts. 15 and 20): asked for by the user, built by a job into one
 * zip archive (DataExportArchive), downloaded by its owner only for DATA_EXPORT_DOWNLOAD_HOURS.
 */
@Injectable()
export class DataExportsService {
  constructor(
    @InjectRepository(DataExport) private readonly exports: Repository<DataExport>,
    private readonly archive: DataExportArchive,
    private readonly accounts: AccountsService,
    private readonly storage: FileStorage,
    private readonly notifier: Notifier,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** TOO_MANY_REQUESTS within a minute of the previous request, CONFLICT while it is being built; nothing written then. */
  async request(viewer: Viewer): Promise<DataExportView> {
    const requested = await this.transactions.run(async (manager) => {
      await this.accounts.lockById(manager, viewer.id); // one user's requests line up
      const now = this.clock.now();
      const latest = await manager.findOne(DataExport, { where: { userId: viewer.id }, order: { requestedAt: 'DESC' } });
      if (latest) {
        const waitMs = latest.requestedAt.getTime() + DATA_EXPORT_REQUEST_INTERVAL_SECONDS * 1000 - now.getTime();
        if (waitMs > 0) throw new DataExportRequestedTooSoonError(Math.ceil(waitMs / 1000));
        if (latest.status === DataExportStatus.PENDING) throw new DataExportInProgressError();
      }
      const dataExport = manager.create(DataExport, {
        id: randomUUID(),
        userId: viewer.id,
        status: DataExportStatus.PENDING,
        requestedAt: now,
        readyAt: null,
        expiresAt: null,
        storageKey: null,
        sizeBytes: null,
        sha256: null,
      });
      await manager.insert(DataExport, dataExport);
      await this.jobs.enqueue(manager, BUILD_DATA_EXPORT, { exportId: dataExport.id });
      return dataExport;
    });
    return this.asSeen(requested);
  }

  async listOf(viewer: Viewer): Promise<DataExportView[]> {
    const exports = await this.exports.find({ where: { userId: viewer.id }, order: { requestedAt: 'DESC' }, take: LISTED_EXPORTS });
    return exports.map((dataExport) => this.asSeen(dataExport));
  }

  /** The owner's archive: NOT_FOUND for anyone else, CONFLICT before it is ready, 410 once it expired. */
  async download(viewer: Viewer, id: string): Promise<{ dataExport: DataExport; content: Buffer }> {
    const dataExport = await this.exports.findOneBy({ id });
    if (!dataExport || dataExport.userId !== viewer.id) throw new DataExportNotFoundError();
    const seen = this.asSeen(dataExport);
    if (seen.status === DataExportStatus.EXPIRED) throw new DataExportExpiredError(dataExport.expiresAt ?? dataExport.requestedAt);
    if (seen.status !== DataExportStatus.READY || !dataExport.storageKey) throw new DataExportNotReadyError();
    const content = await this.archive.open(dataExport.storageKey, dataExport.id);
    if (!content || createHash('sha256').update(content).digest('hex') !== dataExport.sha256)
      throw new Error(`Data export ${dataExport.id}: its archive is missing or altered in storage`);
    return { dataExport, content };
  }

  /**
   * The BUILD_DATA_EXPORT job: the archive is stored first, then the row says READY and the user
   * is told, in one transaction. An export erased meanwhile (its account deleted) loses its file.
   */
  async build(exportId: string, { attempt, maxAttempts }: JobAttempt): Promise<void> {
    const dataExport = await this.exports.findOneBy({ id: exportId, status: DataExportStatus.PENDING });
    if (!dataExport) return;
    const storageKey = `data-exports/${dataExport.userId}/${dataExport.id}.zip`;
    try {
      const { sizeBytes, sha256 } = await this.archive.store(storageKey, dataExport.id, dataExport.userId);
      const marked = await this.transactions.run(async (manager) => {
        const readyAt = this.clock.now();
        const expiresAt = new Date(readyAt.getTime() + DATA_EXPORT_DOWNLOAD_HOURS * 3_600_000);
        const updated = await manager.update(
          DataExport,
          { id: exportId, status: DataExportStatus.PENDING },
          { status: DataExportStatus.READY, storageKey, sizeBytes, sha256, readyAt, expiresAt },
        );
        if (updated.affected === 0) return false;
        await this.notifier.notify(manager, { userId: dataExport.userId, kind: NotificationKind.DATA_EXPORT_READY });
        return true;
      });
      if (!marked) await this.storage.delete(storageKey);
    } catch (error) {
      if (attempt >= maxAttempts)
        await this.exports.update({ id: exportId, status: DataExportStatus.PENDING }, { status: DataExportStatus.FAILED });
      throw error;
    }
  }

  /**
   * Archives past their expiry go: the file first, then the row says EXPIRED (kept as the record
   * of the request), so a failure leaves a row to retry with. Called hourly.
   */
  async deleteExpiredArchives(now: Date = this.clock.now()): Promise<number> {
    const expired = await this.exports.findBy({ status: DataExportStatus.READY, expiresAt: LessThanOrEqual(now) });
    for (const dataExport of expired) {
      if (dataExport.storageKey) await this.storage.delete(dataExport.storageKey);
      await this.exports.update(
        { id: dataExport.id, status: DataExportStatus.READY },
        { status: DataExportStatus.EXPIRED, storageKey: null },
      );
    }
    return expired.length;
  }

  private asSeen(dataExport: DataExport): DataExportView {
    const expired =
      dataExport.status === DataExportStatus.READY && dataExport.expiresAt !== null && dataExport.expiresAt <= this.clock.now();
    const status = expired ? DataExportStatus.EXPIRED : dataExport.status;
    return { ...dataExport, status, downloadPath: status === DataExportStatus.READY ? `/exports/${dataExport.id}` : null };
  }
}
