import { NodeInterface, Role } from '@marketplace/common';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do; a user has one or more.',
  valuesMap: {
    CLIENT: { description: 'Every user: posts missions, accepts bids and pays for them.' },
    PROVIDER: { description: 'Comes with a provider profile (upsertProviderProfile): bids on missions and receives payouts.' },
    MODERATOR: { description: 'Granted by an admin: decides identity verifications, reports and disputes, retries failed payouts.' },
    ADMIN: {
      description: 'Everything a moderator may do; also grants MODERATOR and ADMIN (grantRole) and suspends moderators and admins.',
    },
  },
});

/**
 * The public shape of a user. Private fields (email, phone) and derived ones are declared by
 * field resolvers in UserResolver, which apply the visibility rules.
 */
@ObjectType('User', {
  implements: () => [NodeInterface],
  description: 'A member of the marketplace, as the viewer may see them: private fields are null for viewers who may not.',
})
export class UserType {
  @Field(() => ID, { description: "The user's id." })
  id!: string;

  @Field({ description: 'The public name, 2 to 60 characters.' })
  displayName!: string;

  @Field(() => [Role], { description: 'Every user is a CLIENT; PROVIDER comes with a provider profile; MODERATOR and ADMIN are granted.' })
  roles!: Role[];

  @Field({ description: 'When the account was registered.' })
  createdAt!: Date;
}
