import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';

@ArgsType()
export class RefreshTokenArgs {
  @Field()
  @IsString()
  @Length(1, 200, { message: 'must be a refresh token as returned by login' })
  refreshToken!: string;
}
