import { RequestLoaders } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { UserBatchJoins } from './user-batch-joins';
import { User } from './user.entity';

/**
 * Users by id, batched per request: for field resolvers such as `client`, `provider`, `moderator`.
 * The batch also selects what other modules join to it (UserBatchJoins) and hands them their columns.
 */
@Injectable()
export class UsersLoader {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly accounts: AccountsService,
    private readonly joins: UserBatchJoins,
  ) {}

  load(request: object, id: string): Promise<User> {
    return this.loaders
      .get<string, User>(request, 'usersById', async (ids) => {
        const joins = this.joins.all;
        const rows = await this.accounts.findByIdsJoined(ids, joins);
        for (const { user, joined } of rows) joins.forEach((join, index) => join.take(request, user.id, joined[index]));
        const users = new Map(rows.map(({ user }) => [user.id, user]));
        return ids.map((userId) => users.get(userId) ?? new Error(`User ${userId} is missing`));
      })
      .load(id);
  }
}
