import { UserBatchJoins } from '@marketplace/accounts';
import { RequestLoaders } from '@marketplace/common';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { reputationFrom, UserReputation } from './reputation';
import { ReputationBook } from './reputation-book';
import { Reputation } from './reputation.entity';

const LOADER = 'reputationByUser';

/**
 * Users' reputations, batched per request. Users loaded by UsersLoader come with theirs: the
 * reputation row is joined to the users' statement and primes this loader, so a page that shows
 * `client { reputation }` or `provider { reputation }` asks nothing more; other users' reputations
 * are loaded in one statement per batch.
 */
@Injectable()
export class ReputationLoader implements OnModuleInit {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly book: ReputationBook,
    private readonly userBatchJoins: UserBatchJoins,
  ) {}

  onModuleInit(): void {
    this.userBatchJoins.add({
      entity: Reputation,
      userIdProperty: 'userId',
      take: (request, userId, reputation) => this.loaderFor(request).prime(userId, reputationFrom(reputation)),
    });
  }

  load(request: object, userId: string): Promise<UserReputation> {
    return this.loaderFor(request).load(userId);
  }

  private loaderFor(request: object) {
    return this.loaders.get<string, UserReputation>(request, LOADER, (ids) => this.book.of(ids));
  }
}
