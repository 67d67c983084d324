import { TextLength } from '@marketplace/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsString } from 'class-validator';

@ArgsType()
export class RefreshTokenArgs {
  @Field({ description: 'A refresh token as returned by register, login or refreshSession.' })
  @IsString()
  @TextLength(1, 200, { message: 'must be a refresh token as returned by login' })
  refreshToken!: string;
}
