import { Field, ObjectType } from '@nestjs/graphql';
import { UserType } from '../user.type';
import { User } from '../user.entity';

@ObjectType('AuthPayload', { description: 'A sign-in: a short-lived access token, and the refresh token that renews it.' })
export class AuthPayload {
  @Field({
    description:
      'A JWT to send as `Authorization: Bearer <accessToken>`, valid until expiresAt (ACCESS_TOKEN_TTL_SECONDS, 15 minutes by default).',
  })
  accessToken!: string;

  @Field({
    description:
      'An opaque token for refreshSession and logout, valid REFRESH_TOKEN_TTL_DAYS (30 days by default) and used once: each refreshSession returns a new one. Keep it secret.',
  })
  refreshToken!: string;

  @Field({ description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => UserType, { description: 'The signed-in user.' })
  user!: User;
}
