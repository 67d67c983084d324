import { TextLength, trimmed } from '@marketplace/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsString } from 'class-validator';
import { IsNewPassword } from './register.input';

const TOKEN_MESSAGE = 'must be the token of a link we sent you';

@ArgsType()
export class EmailLinkTokenArgs {
  @Field({ description: 'The `token` parameter of the link sent by email.' })
  @IsString()
  @TextLength(1, 200, { message: TOKEN_MESSAGE })
  token!: string;
}

@ArgsType()
export class RequestPasswordResetArgs {
  @Field({ description: "The account's email address." })
  @Transform(trimmed)
  @IsEmail({}, { message: 'must be a valid email address' })
  @TextLength(0, 254, { message: 'must be at most 254 characters' })
  email!: string;
}

@ArgsType()
export class ResetPasswordArgs extends EmailLinkTokenArgs {
  @Field({ description: 'The new password: the same rules as at registration.' })
  @IsNewPassword()
  newPassword!: string;
}
