import { Injectable } from '@nestjs/common';

/**
 * What another module adds to the one statement that loads a request's batch of users
 * (UsersLoader): a LEFT JOIN on `"u"."id"`, the columns it selects (aliased so as not to clash with
 * the user's own, e.g. `"reputation.asClientCount"`), and what it does with each user's row. The
 * ratings module primes its reputation loader this way, so that `client { reputation }` on a page
 * costs one statement instead of two, while accounts knows nothing of reputations.
 */
export interface UserBatchJoin {
  join: string;
  columns: string;
  take(request: object, userId: string, row: Record<string, unknown>): void;
}

/** The joins registered at start-up (`onModuleInit` of the modules that add them). */
@Injectable()
export class UserBatchJoins {
  private joins: readonly UserBatchJoin[] = [];

  add(join: UserBatchJoin): void {
    this.joins = [...this.joins, join];
  }

  get all(): readonly UserBatchJoin[] {
    return this.joins;
  }
}
