import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from './register.input';
import { trimmed, TextLength } from '@marketplace/common';

/** Only shape is checked here: a malformed email is just a wrong login, told apart from nothing. */
@InputType({ description: "An account's email and password." })
export class LoginInput {
  @Field({ description: "The account's email, in any case." })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'is required' })
  @TextLength(0, 254, { message: 'must be at most 254 characters' })
  email!: string;

  @Field({ description: "The account's password." })
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password!: string;
}
