import { UserBatchJoins } from '@marketplace/accounts';
import { RequestLoaders } from '@marketplace/common';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { reputationFrom, UserReputation } from './reputation';
import { ReputationBook } from './reputation-book';

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
      join: 'LEFT JOIN "reputations" "reputation" ON "reputation"."user_id" = "u"."id"',
      columns: [
        '"reputation"."user_id" AS "reputation.userId"',
        '"reputation"."as_provider_count" AS "reputation.asProviderCount"',
        '"reputation"."as_provider_score_sum"::float8 AS "reputation.asProviderScoreSum"',
        '"reputation"."as_client_count" AS "reputation.asClientCount"',
        '"reputation"."as_client_score_sum"::float8 AS "reputation.asClientScoreSum"',
      ].join(', '),
      take: (request, userId, row) => {
        const reputation =
          row['reputation.userId'] === null
            ? undefined
            : {
                asProviderCount: row['reputation.asProviderCount'] as number,
                asProviderScoreSum: row['reputation.asProviderScoreSum'] as number,
                asClientCount: row['reputation.asClientCount'] as number,
                asClientScoreSum: row['reputation.asClientScoreSum'] as number,
              };
        this.loaderFor(request).prime(userId, reputationFrom(reputation));
      },
    });
  }

  load(request: object, userId: string): Promise<UserReputation> {
    return this.loaderFor(request).load(userId);
  }

  private loaderFor(request: object) {
    return this.loaders.get<string, UserReputation>(request, LOADER, (ids) => this.book.of(ids));
  }
}
