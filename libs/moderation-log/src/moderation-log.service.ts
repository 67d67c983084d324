import { Connection, isModerator, Viewer } from '@marketplace/common';
import { pageByTime } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
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
  | 'CLAIM_CONTEST'
  | 'UPHOLD_DECISION'
  | 'REVERSE_DECISION';

export interface ModerationEntry {
  moderatorId: string;
  action: ModerationVerb;
  targetId: string;
  reason?: string | null;
}

/** The record of every moderator action, written in the same transaction as the action itself. */
@Injectable()
export class ModerationLog {
  constructor(@InjectRepository(ModerationAction) private readonly actions: Repository<ModerationAction>) {}

  async record(manager: EntityManager, entry: ModerationEntry): Promise<void> {
    await manager.insert(ModerationAction, { ...entry, reason: entry.reason ?? null });
  }

  /** Of the actions asked, those the viewer may see: the log is for moderators only (as moderationLog). */
  async visibleTo(viewer: Viewer | undefined, ids: readonly string[]): Promise<ModerationAction[]> {
    return isModerator(viewer) ? this.actions.findBy({ id: In([...ids]) }) : [];
  }

  /** Newest first. */
  async list(first: number, after?: string | null): Promise<Connection<ModerationAction>> {
    return pageByTime(
      this.actions.createQueryBuilder('a'),
      { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt },
      first,
      after,
    );
  }
}
