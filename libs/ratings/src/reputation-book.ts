import { Injectable } from '@nestjs/common';
import { findWhereIn } from '@marketplace/database';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Rating, RatingRole } from './rating.entity';
import { Reputation } from './reputation.entity';

export interface ReputationSummary {
  average: number | null;
  count: number;
}

export interface UserReputation {
  asProvider: ReputationSummary;
  asClient: ReputationSummary;
}

/** Reputations, changed by a rating's publication or hiding in that transaction, read in batches. */
@Injectable()
export class ReputationBook {
  constructor(@InjectRepository(Reputation) private readonly reputations: Repository<Reputation>) {}

  async add(manager: EntityManager, rating: Rating): Promise<void> {
    const [count, sum] = columnsOf(rating.role);
    await manager.query(
      `INSERT INTO reputations (user_id, ${count}, ${sum}) VALUES ($1, 1, $2)
       ON CONFLICT (user_id) DO UPDATE SET ${count} = reputations.${count} + 1, ${sum} = reputations.${sum} + $2`,
      [rating.subjectId, rating.score],
    );
  }

  /** Only a rating that was added is removed: its subject's row exists. */
  async remove(manager: EntityManager, rating: Rating): Promise<void> {
    const [count, sum] = columnsOf(rating.role);
    await manager.query(`UPDATE reputations SET ${count} = ${count} - 1, ${sum} = ${sum} - $2 WHERE user_id = $1`, [
      rating.subjectId,
      rating.score,
    ]);
  }

  /** The reputation of each user, in the order asked: one query for a page of users. */
  async of(userIds: readonly string[]): Promise<UserReputation[]> {
    const rows = new Map((await findWhereIn(this.reputations, 'userId', userIds)).map((row) => [row.userId, row]));
    return userIds.map((userId) => reputationFrom(rows.get(userId)));
  }
}

/** A user's reputation from their counts and sums (none yet: nothing rated). */
export function reputationFrom(row: Omit<Reputation, 'userId' | 'user'> | undefined): UserReputation {
  return {
    asProvider: summary(row?.asProviderCount ?? 0, row?.asProviderScoreSum ?? 0),
    asClient: summary(row?.asClientCount ?? 0, row?.asClientScoreSum ?? 0),
  };
}

function columnsOf(role: RatingRole): [count: string, scoreSum: string] {
  return role === RatingRole.PROVIDER ? ['as_provider_count', 'as_provider_score_sum'] : ['as_client_count', 'as_client_score_sum'];
}

function summary(count: number, scoreSum: number): ReputationSummary {
  return { count, average: count === 0 ? null : Math.round((scoreSum / count) * 100) / 100 };
}
