import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Locale } from '../locale';
import { Transform } from 'class-transformer';
import { trimmed, TextLength } from '@marketplace/common';

export const PASSWORD_MIN_LENGTH = 10;
/** Long passphrases are welcome; unbounded ones would only feed the hash function. */
export const PASSWORD_MAX_LENGTH = 256;

/** The length rules of a password chosen by its user: at registration and at a reset. */
export const IsNewPassword = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }),
    MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }),
  );

@InputType({ description: 'A new account; it starts with the CLIENT role.' })
export class RegisterInput {
  @Field({
    description:
      'At most 254 characters, unique whatever its case (register: CONFLICT when taken; signUp: the same answer); visible only to the user and to moderators.',
  })
  @Transform(trimmed)
  @IsEmail({}, { message: 'must be a valid email address' })
  @TextLength(0, 254, { message: 'must be at most 254 characters' })
  email!: string;

  @Field({ description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not the email address.` })
  @IsNewPassword()
  password!: string;

  @Field({ description: 'The public name, 2 to 60 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(2, 60, { message: 'must be 2 to 60 characters' })
  displayName!: string;

  @Field(() => Locale, { nullable: true, description: 'The language of the emails sent to the user (FR when left out).' })
  @IsOptional()
  @IsEnum(Locale, { message: 'must be FR or EN' })
  locale?: Locale;
}
