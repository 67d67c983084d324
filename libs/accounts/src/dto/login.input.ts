import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from './register.input';
import { trimmed, TextLength } from '@marketplace/common';

/** Only shape is checked here: a malformed email is just a wrong login, told apart from nothing. */
@InputType()
export class LoginInput {
  @Field()
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'is required' })
  @TextLength(0, 254, { message: 'must be at most 254 characters' })
  email!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'is required' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password!: string;
}
