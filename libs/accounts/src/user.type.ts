import { NodeInterface, Role } from '@marketplace/common';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

registerEnumType(Role, { name: 'Role' });

/**
 * The public shape of a user. Private fields (email, phone) and derived ones are declared by
 * field resolvers in UserResolver, which apply the visibility rules.
 */
@ObjectType('User', { implements: () => [NodeInterface] })
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field()
  createdAt!: Date;
}
