import { Clock, Connection, isModerator, NotFoundError, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { pageByTime, Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { DEFAULT_GROUNDS, ModerationDecisionKind, ModerationDecisionsService } from '@marketplace/moderation-decisions';
import { ModerationLog, ModerationVerb } from '@marketplace/moderation-log';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { FileStorage } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { IdentityDocument } from '../documents/identity-document.entity';
import {
  CaseAlreadyDecidedError,
  CaseClaimedByAnotherModeratorError,
  IdentityAlreadyVerifiedError,
  OwnCaseError,
  UnusableDocumentsError,
  VerificationAlreadyPendingError,
} from '../identity.errors';
import { assertAdultDateOfBirth } from './date-of-birth';
import { SubmitIdentityVerificationInput } from './dto/submit-identity-verification.input';
import { IdentityVerification, VerificationSource, VerificationStatus } from './identity-verification.entity';
import { IdentityStatus } from './identity-verification.type';

export const PURGE_IDENTITY_DOCUMENTS = defineJob<{ verificationId: string }>('identity:purge-documents', { maxAttempts: 10 });

/** A person as an identity provider vouched for them (FranceConnect's claims): legal name and birth. */
export interface VouchedIdentity {
  legalName: string;
  dateOfBirth: string;
  birthplace: string;
  birthcountry: string;
  gender: string;
}

type Decision = { status: VerificationStatus.APPROVED } | { status: VerificationStatus.REJECTED; reason: string; groundId?: string };

/**
 * Identity verification: a user submits documents, a moderator claims the case and decides.
 * Every transition is a conditional update, so concurrent claims or decisions cannot both win.
 */
@Injectable()
export class IdentityVerificationsService {
  constructor(
    @InjectRepository(IdentityVerification) private readonly verifications: Repository<IdentityVerification>,
    @InjectRepository(IdentityDocument) private readonly documents: Repository<IdentityDocument>,
    private readonly storage: FileStorage,
    private readonly transactions: Transactions,
    private readonly jobs: JobQueue,
    private readonly moderationLog: ModerationLog,
    private readonly notifier: Notifier,
    private readonly decisions: ModerationDecisionsService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async submit(viewer: Viewer, input: SubmitIdentityVerificationInput): Promise<IdentityVerification> {
    const now = this.clock.now();
    assertAdultDateOfBirth(input.dateOfBirth, now);
    return this.transactions.run(async (manager) => {
      const latest = await this.latestOf(manager, viewer.id);
      if (latest?.status === VerificationStatus.PENDING) throw new VerificationAlreadyPendingError();
      if (latest?.status === VerificationStatus.APPROVED) throw new IdentityAlreadyVerifiedError();

      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(IdentityVerification)
        .values({
          userId: viewer.id,
          documentType: input.documentType,
          legalName: input.legalName,
          dateOfBirth: input.dateOfBirth,
          submittedAt: now,
        })
        .orIgnore() // a concurrent submission won the one-pending-case index
        .returning(['id'])
        .execute();
      const [row] = inserted.raw as { id: string }[];
      if (!row) throw new VerificationAlreadyPendingError();

      const attached = await manager
        .createQueryBuilder()
        .update(IdentityDocument)
        .set({ verificationId: row.id })
        .where('id IN (:...ids) AND owner_id = :ownerId AND verification_id IS NULL', { ids: input.documentIds, ownerId: viewer.id })
        .execute();
      if (attached.affected !== input.documentIds.length) throw new UnusableDocumentsError();
      return manager.findOneByOrFail(IdentityVerification, { id: row.id });
    });
  }

  /**
   * An identity FranceConnect vouched for, inside the caller's transaction: APPROVED at once, with
   * no document, and logged as a moderator's approval is, by no moderator (an automated decision).
   * An identity already approved stays as it is.
   */
  async approveVouched(manager: EntityManager, userId: string, identity: VouchedIdentity): Promise<void> {
    if ((await this.latestOf(manager, userId))?.status === VerificationStatus.APPROVED) return;
    const now = this.clock.now();
    const { identifiers } = await manager.insert(IdentityVerification, {
      userId,
      source: VerificationSource.FRANCECONNECT,
      status: VerificationStatus.APPROVED,
      documentType: null,
      ...identity,
      submittedAt: now,
      decidedAt: now,
    });
    const id = String(identifiers[0].id);
    await this.moderationLog.record(manager, {
      moderatorId: null,
      action: 'APPROVE_IDENTITY',
      targetId: id,
      reason: 'Verified by FranceConnect (automated)',
    });
    await this.notifier.notify(manager, { userId, kind: NotificationKind.IDENTITY_APPROVED });
  }

  latestFor(userId: string): Promise<IdentityVerification | null> {
    return this.latestOf(this.verifications.manager, userId);
  }

  /** The user's latest approved case: the legal name and date of birth the platform has verified. */
  latestApprovedFor(userId: string): Promise<IdentityVerification | null> {
    return this.verifications.findOne({
      where: { userId, status: VerificationStatus.APPROVED },
      order: { decidedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Of the cases asked, those the viewer may see: any to a moderator (as the queue), their latest (as myIdentityVerification) to its user. */
  async findVisibleByIds(viewer: Viewer | undefined, ids: readonly string[]): Promise<IdentityVerification[]> {
    if (!viewer) return [];
    if (isModerator(viewer)) return this.verifications.findBy({ id: In([...ids]) });
    const latest = await this.latestFor(viewer.id);
    return latest && ids.includes(latest.id) ? [latest] : [];
  }

  /** Of the documents asked, those IdentityVerification.documents shows the viewer: the documents of a case they may see. */
  async documentsVisibleTo(viewer: Viewer | undefined, ids: readonly string[]): Promise<IdentityDocument[]> {
    if (!viewer || ids.length === 0) return [];
    const documents = (await this.documents.findBy({ id: In([...ids]) })).filter((document) => document.verificationId !== null);
    if (documents.length === 0) return [];
    const cases = new Set(
      (await this.findVisibleByIds(viewer, [...new Set(documents.map((document) => document.verificationId!))])).map((seen) => seen.id),
    );
    return documents.filter((document) => cases.has(document.verificationId!));
  }

  /** For moderators: oldest first. */
  async queue(status: VerificationStatus, first: number, after?: string | null): Promise<Connection<IdentityVerification>> {
    const query = this.verifications.createQueryBuilder('v').where('v.status = :status', { status });
    return pageByTime(query, { column: 'submitted_at', direction: 'ASC', timeOf: (row) => row.submittedAt }, first, after);
  }

  async claim(moderator: Viewer, id: string): Promise<IdentityVerification> {
    return this.transactions.run(async (manager) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(IdentityVerification)
        .set({ assignedToId: moderator.id })
        .where(`id = :id AND status = 'PENDING' AND assigned_to_id IS NULL AND user_id <> :moderatorId`, { id, moderatorId: moderator.id })
        .execute();
      if (claimed.affected === 0) await this.explainRefusal(manager, moderator, id);
      await this.moderationLog.record(manager, { moderatorId: moderator.id, action: 'CLAIM_IDENTITY', targetId: id });
      return manager.findOneByOrFail(IdentityVerification, { id });
    });
  }

  approve(moderator: Viewer, id: string): Promise<IdentityVerification> {
    return this.decide(moderator, id, { status: VerificationStatus.APPROVED });
  }

  /** Rejects a case; its user gets a statement of reasons citing `groundId` (the kind's general clause by default). */
  reject(moderator: Viewer, id: string, reason: string, groundId?: string): Promise<IdentityVerification> {
    return this.decide(moderator, id, { status: VerificationStatus.REJECTED, reason, groundId });
  }

  /** Deletes a decided case's documents, from storage first; the decision itself stays. Safe to repeat. */
  async purgeDocuments(verificationId: string): Promise<number> {
    const documents = await this.documents.findBy({ verificationId });
    for (const document of documents) await this.storage.delete(document.storageKey);
    await this.transactions.run(async (manager) => {
      await manager.delete(IdentityDocument, { verificationId });
      await manager.update(IdentityVerification, { id: verificationId }, { documentsPurgedAt: this.clock.now() });
    });
    return documents.length;
  }

  /** The identity status of each user, in the order asked: one query for a whole page of users. */
  async statusesOf(userIds: readonly string[]): Promise<IdentityStatus[]> {
    const rows: { user_id: string; status: VerificationStatus }[] = await this.verifications.query(
      `SELECT DISTINCT ON (user_id) user_id, status FROM identity_verifications
        WHERE user_id = ANY($1::uuid[]) ORDER BY user_id, submitted_at DESC, id DESC`,
      [userIds],
    );
    const byUser = new Map(rows.map((row) => [row.user_id, row.status as string as IdentityStatus]));
    return userIds.map((userId) => byUser.get(userId) ?? IdentityStatus.NOT_SUBMITTED);
  }

  /** The documents of each case, in the order asked. */
  async documentsOf(verificationIds: readonly string[]): Promise<IdentityDocument[][]> {
    const documents = await this.documents.find({ where: { verificationId: In([...verificationIds]) }, order: { createdAt: 'ASC' } });
    return verificationIds.map((id) => documents.filter((document) => document.verificationId === id));
  }

  private async decide(moderator: Viewer, id: string, decision: Decision): Promise<IdentityVerification> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      // An unclaimed case is claimed by the moderator who decides it.
      const decided = await manager
        .createQueryBuilder()
        .update(IdentityVerification)
        .set({
          status: decision.status,
          rejectionReason: decision.status === VerificationStatus.REJECTED ? decision.reason : null,
          decidedById: moderator.id,
          decidedAt: now,
          assignedToId: moderator.id,
        })
        .where(
          `id = :id AND status = 'PENDING' AND (assigned_to_id IS NULL OR assigned_to_id = :moderatorId) AND user_id <> :moderatorId`,
          {
            id,
            moderatorId: moderator.id,
          },
        )
        .execute();
      if (decided.affected === 0) await this.explainRefusal(manager, moderator, id);

      const action: ModerationVerb = decision.status === VerificationStatus.APPROVED ? 'APPROVE_IDENTITY' : 'REJECT_IDENTITY';
      await this.moderationLog.record(manager, {
        moderatorId: moderator.id,
        action,
        targetId: id,
        reason: 'reason' in decision ? decision.reason : null,
      });
      const runAt = new Date(now.getTime() + this.config.identityDocumentRetentionDays * 86_400_000);
      await this.jobs.enqueue(manager, PURGE_IDENTITY_DOCUMENTS, { verificationId: id }, { runAt, jobKey: id });
      const verification = await manager.findOneByOrFail(IdentityVerification, { id });
      // A rejection restricts the user: its statement of reasons is the one notice they get of it.
      if ('reason' in decision) {
        await this.decisions.issue(manager, {
          userId: verification.userId,
          kind: ModerationDecisionKind.IDENTITY_REJECTED,
          facts: decision.reason,
          groundId: decision.groundId ?? DEFAULT_GROUNDS.IDENTITY_REJECTED,
          automated: false,
          targetType: 'IDENTITY_VERIFICATION',
          targetId: id,
          moderatorId: moderator.id,
        });
      } else {
        await this.notifier.notify(manager, { userId: verification.userId, kind: NotificationKind.IDENTITY_APPROVED });
      }
      return verification;
    });
  }

  /** Why a conditional update on a case matched nothing. Always throws. */
  private async explainRefusal(manager: EntityManager, moderator: Viewer, id: string): Promise<never> {
    const current = await manager.findOneBy(IdentityVerification, { id });
    if (!current) throw new NotFoundError('Identity verification');
    if (current.userId === moderator.id) throw new OwnCaseError();
    if (current.status !== VerificationStatus.PENDING) throw new CaseAlreadyDecidedError();
    throw new CaseClaimedByAnotherModeratorError();
  }

  private latestOf(manager: EntityManager, userId: string): Promise<IdentityVerification | null> {
    return manager.findOne(IdentityVerification, { where: { userId }, order: { submittedAt: 'DESC', id: 'DESC' } });
  }
}
