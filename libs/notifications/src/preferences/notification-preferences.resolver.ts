import { User, UserType } from '@marketplace/accounts';
import { CurrentViewer, FieldContext, Viewer, viewerOf } from '@marketplace/common';
import { Args, Field, Mutation, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { UpdateNotificationPreferencesArgs } from '../dto/notification-preference.input';
import { NotificationKind } from '../notification-kind';
import { KindPreference, NotificationPreferencesService } from './notification-preferences.service';

@ObjectType('NotificationPreference', { description: "A user's choice for one kind of notification." })
export class NotificationPreferenceType {
  @Field(() => NotificationKind, { description: 'The kind of notification.' })
  kind!: NotificationKind;

  @Field({ description: 'Whether its emails are sent.' })
  email!: boolean;

  @Field({ description: 'A security kind: its emails are always sent and cannot be turned off.' })
  required!: boolean;
}

@Resolver(() => UserType)
export class NotificationPreferencesResolver {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @ResolveField(() => [NotificationPreferenceType], {
    nullable: true,
    description:
      'Which notifications the user gets by email, for every kind that has an email (in-app-only kinds have none); visible to the user only (null for anyone else).',
  })
  notificationPreferences(user: User, _args: unknown, { req }: FieldContext): Promise<KindPreference[]> | null {
    const viewer = viewerOf(req);
    return viewer?.id === user.id ? this.preferences.of(user.id) : null;
  }

  @Mutation(() => [NotificationPreferenceType], {
    description:
      "Turns kinds of email on or off for the signed-in user; security kinds and SUSPENSION cannot be turned off, in-app-only kinds have no email (BAD_USER_INPUT for both). Answers every emailed kind's preference.",
  })
  updateNotificationPreferences(
    @CurrentViewer() viewer: Viewer,
    @Args() { preferences }: UpdateNotificationPreferencesArgs,
  ): Promise<KindPreference[]> {
    return this.preferences.update(viewer.id, preferences);
  }
}
