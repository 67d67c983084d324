import { RequestLoaders } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { User } from './user.entity';

/** Users by id, batched per request: for field resolvers such as `moderator`, `user`, `decidedBy`. */
@Injectable()
export class UsersLoader {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly accounts: AccountsService,
  ) {}

  load(request: object, id: string): Promise<User> {
    return this.loaders
      .get<string, User>(request, 'usersById', async (ids) => {
        const users = new Map((await this.accounts.findByIds(ids)).map((user) => [user.id, user]));
        return ids.map((userId) => users.get(userId) ?? new Error(`User ${userId} is missing`));
      })
      .load(id);
  }
}
