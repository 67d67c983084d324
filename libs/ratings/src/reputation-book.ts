import { Injectable } from '@nestjs/common';
import { findWhereIn } from '@marketplace/database';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Rating, RatingRole } from './rating.entity';
import { reputationFrom, UserReputation } from './reputation';
import { Reputation } from './reputation.entity';

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

function columnsOf(role: RatingRole): [count: string, scoreSum: string] {
  return role === RatingRole.PROVIDER ? ['as_provider_count', 'as_provider_score_sum'] : ['as_client_count', 'as_client_score_sum'];
}
