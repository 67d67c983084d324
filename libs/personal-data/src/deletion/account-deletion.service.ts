import { AccountsService } from '@marketplace/accounts';
import { BidsService } from '@marketplace/bids';
import { Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { MissionLifecycle } from '@marketplace/missions';
import { PhotosService } from '@marketplace/photos';
import { FileStorage } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountDeletionBlockedError, WrongPasswordError } from '../personal-data.errors';
import {
  AccountDeletionBlocker,
  BLOCKERS_OF_USER,
  DELETED_AT_ONCE,
  describeBlocker,
  KEPT_AFTER_DELETION,
  KeptPersonalData,
  PASSWORD_NEEDED_NOTE,
} from './account-deletion-rules';
import { ERASED_FILES_OF_USER, ERASURE_STATEMENTS, FORMER_MEMBER } from './erasure-statements';

/** The files of an erased account, deleted after its erasure committed (storage is no transaction's). */
export const DELETE_ERASED_FILES = defineJob<{ photoIds: string[]; storageKeys: string[] }>('personal-data:delete-erased-files', {
  maxAttempts: 10,
});

export interface AccountDeletionPreview {
  blockers: AccountDeletionBlocker[];
  deleted: readonly string[];
  kept: readonly KeptPersonalData[];
  note: string;
}

/**
 * Closing an account (GDPR art. 17) as account-deletion-rules.ts says: refused while something is
 * unfinished, otherwise one transaction anonymises the account and deletes what the law does not
 * make us keep; the files go after commit, by a job.
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly bids: BidsService,
    private readonly missionLifecycle: MissionLifecycle,
    private readonly photos: PhotosService,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
  ) {}

  async preview(viewer: Viewer): Promise<AccountDeletionPreview> {
    return {
      blockers: await this.blockersOf(this.dataSource.manager, viewer.id),
      deleted: DELETED_AT_ONCE,
      kept: KEPT_AFTER_DELETION,
      note: PASSWORD_NEEDED_NOTE,
    };
  }

  /** BAD_USER_INPUT for a wrong password, CONFLICT naming each blocker; nothing changed then. */
  async deleteAccount(viewer: Viewer, password: string): Promise<void> {
    if (!(await this.accounts.isPasswordOf(viewer.id, password))) throw new WrongPasswordError();
    await this.transactions.run(async (manager) => {
      await this.accounts.lockById(manager, viewer.id);
      // Withdrawn first: their rows are locked, so an acceptance racing this either is seen as a blocker or finds them withdrawn.
      await this.missionLifecycle.withdrawOpenMissionsOf(manager, viewer.id, "The client's account was deleted.");
      await this.bids.withdrawPendingBidsOf(manager, viewer.id);
      const blockers = await this.blockersOf(manager, viewer.id);
      if (blockers.length > 0) throw new AccountDeletionBlockedError(blockers);

      const [files] = (await manager.query(ERASED_FILES_OF_USER, [viewer.id])) as { photoIds: string[]; storageKeys: string[] }[];
      for (const statement of ERASURE_STATEMENTS) await manager.query(statement, [viewer.id]);
      await this.accounts.anonymise(manager, viewer.id, FORMER_MEMBER);
      await this.jobs.enqueue(manager, DELETE_ERASED_FILES, files);
    });
  }

  /** The DELETE_ERASED_FILES job: deleting a missing file is not an error, so a retry is harmless. */
  async deleteErasedFiles({ photoIds, storageKeys }: { photoIds: string[]; storageKeys: string[] }): Promise<void> {
    for (const photoId of photoIds) await this.photos.deleteFiles(photoId);
    for (const key of storageKeys) await this.storage.delete(key);
  }

  private async blockersOf(manager: EntityManager, userId: string): Promise<AccountDeletionBlocker[]> {
    const rows = (await manager.query(BLOCKERS_OF_USER, [userId])) as Omit<AccountDeletionBlocker, 'description'>[];
    return rows.map((row) => ({ ...row, description: describeBlocker(row) }));
  }
}
