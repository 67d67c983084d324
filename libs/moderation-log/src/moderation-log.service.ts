import { Connection, isModerator, Viewer } from '@marketplace/common';
import { pageByTime } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { ModerationAction } from './moderation-action.entity';

export type ModerationVerb =
  | 'APPROVE_IDENTITY'
  | 'REJECT_IDENTITY'
  | 'CLAIM_IDENTITY'
  | 'SUSPEND_USER'
  | 'DISMISS_REPORT'
  | 'HIDE_MISSION'
  | 'HIDE_RATING'
  | 'RESOLVE_DISPUTE'
  | 'RETRY_PAYOUT'
  | 'GRANT_ROLE'
  | 'HIDE_MESSAGE'
  | 'READ_CONVERSATION'
  | 'HOLD_PAYOUTS'
  | 'RELEASE_PAYOUTS'
  | 'CLAIM_CONTEST'
  | 'UPHOLD_DECISION'
  | 'REVERSE_DECISION';

export interface ModerationEntry {
  /** Null for an automated decision (a rule applied by a job, no moderator). */
  moderatorId: string | null;
  action: ModerationVerb;
  targetId: string;
  reason?: string | null;
}

export interface ModerationLogFilter {
  moderatorId?: string | null;
  action?: string | null;
  targetId?: string | null;
}

/** The record of every moderator action, written in the same transaction as the action itself. */
@Injectable()
export class ModerationLog {
  constructor(@InjectRepository(ModerationAction) private readonly actions: Repository<ModerationAction>) {}

  async record(manager: EntityManager, entry: ModerationEntry): Promise<void> {
    await manager.insert(ModerationAction, { ...entry, reason: entry.reason ?? null });
  }

  /**
   * Of the actions asked, those the viewer may see: the log is for moderators only (as moderationLog).
   * Automated decisions stay out of the GraphQL log, whose entries name their moderator.
   */
  async visibleTo(viewer: Viewer | undefined, ids: readonly string[]): Promise<ModerationAction[]> {
    return isModerator(viewer) ? this.actions.findBy({ id: In([...ids]), moderatorId: Not(IsNull()) }) : [];
  }

  /** Newest first, moderators' actions only (see visibleTo); each filter given narrows the list. */
  async list(first: number, after?: string | null, filter: ModerationLogFilter = {}): Promise<Connection<ModerationAction>> {
    const query = this.actions.createQueryBuilder('a').where('a.moderator_id IS NOT NULL');
    if (filter.moderatorId) query.andWhere('a.moderator_id = :moderatorId', { moderatorId: filter.moderatorId });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.targetId) query.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
  }
}
