import { Field, ObjectType } from '@nestjs/graphql';
import { UserType } from '../user.type';
import { User } from '../user.entity';

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field()
  accessToken!: string;

  @Field()
  refreshToken!: string;

  /** When the access token expires. */
  @Field()
  expiresAt!: Date;

  @Field(() => UserType)
  user!: User;
}
