import { User, UserType } from '@marketplace/accounts';
import { FieldContext, isModerator, RequestLoaders, viewerOf } from '@marketplace/common';
import { ResolveField, Resolver } from '@nestjs/graphql';
import { MissionsService } from './missions.service';

/** `User.phone`: whether two users may call each other depends on the missions between them. */
@Resolver(() => UserType)
export class UserContactResolver {
  constructor(
    private readonly missions: MissionsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => String, {
    nullable: true,
    description: 'Visible to the user, to moderators, and to the other party of a mission once a bid between them is accepted.',
  })
  async phone(user: User, _args: unknown, { req }: FieldContext): Promise<string | null> {
    const viewer = viewerOf(req);
    if (!user.phone || !viewer) return null;
    if (viewer.id === user.id || isModerator(viewer)) return user.phone;
    const isCounterparty = await this.loaders
      .get(req, 'isCounterpartyOfViewer', async (userIds: readonly string[]) => {
        const counterparties = await this.missions.counterpartiesOf(viewer.id, userIds);
        return userIds.map((userId) => counterparties.has(userId));
      })
      .load(user.id);
    return isCounterparty ? user.phone : null;
  }
}
