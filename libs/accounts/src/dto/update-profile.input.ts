import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, ValidateIf } from 'class-validator';
import { Locale } from '../locale';
import { trimmed, TextLength } from '@marketplace/common';

@InputType()
export class UpdateProfileInput {
  @Field({ nullable: true, description: 'Cannot be cleared: null is refused.' })
  @ValidateIf((input: UpdateProfileInput) => input.displayName !== undefined)
  @Transform(trimmed)
  @IsString()
  @TextLength(2, 60, { message: 'must be 2 to 60 characters' })
  displayName?: string;

  /** International (+33 6 12 34 56 78) or French national (06 12 34 56 78) format; null clears it. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(0, 32, { message: 'must be at most 32 characters' })
  phone?: string | null;

  @Field(() => Locale, { nullable: true, description: 'The language of the emails sent to the user. Cannot be cleared: null is refused.' })
  @ValidateIf((input: UpdateProfileInput) => input.locale !== undefined)
  @IsEnum(Locale, { message: 'must be FR or EN' })
  locale?: Locale;
}
