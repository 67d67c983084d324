import { Injectable } from '@nestjs/common';
import { EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * What another module adds to the one statement that loads a request's batch of users
 * (UsersLoader): an entity with at most one row per user, joined on its property that holds the
 * user's id, and what the module does with each user's row of it (undefined when there is none).
 * Accounts writes the join from the entity's metadata, so the other module names no SQL and no
 * alias of accounts'. The ratings module primes its reputation loader this way, so that
 * `client { reputation }` on a page costs one statement instead of two, while accounts knows
 * nothing of reputations.
 */
export interface UserBatchJoin<T extends ObjectLiteral = ObjectLiteral> {
  entity: EntityTarget<T>;
  userIdProperty: keyof T & string;
  take(request: object, userId: string, joined: T | undefined): void;
}

/** The joins registered at start-up (`onModuleInit` of the modules that add them). */
@Injectable()
export class UserBatchJoins {
  private joins: readonly UserBatchJoin[] = [];

  add<T extends ObjectLiteral>(join: UserBatchJoin<T>): void {
    this.joins = [...this.joins, join as unknown as UserBatchJoin];
  }

  get all(): readonly UserBatchJoin[] {
    return this.joins;
  }
}
