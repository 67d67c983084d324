import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, ValidateIf } from 'class-validator';
import { Locale } from '../locale';
import { trimmed, TextLength } from '@marketplace/common';

@InputType({ description: "Changes to the viewer's own profile: only the fields given change." })
export class UpdateProfileInput {
  @Field({ nullable: true, description: '2 to 60 characters once trimmed. Cannot be cleared: null is refused.' })
  @ValidateIf((input: UpdateProfileInput) => input.displayName !== undefined)
  @Transform(trimmed)
  @IsString()
  @TextLength(2, 60, { message: 'must be 2 to 60 characters' })
  displayName?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'International (+33 6 12 34 56 78) or French national (06 12 34 56 78) format, at most 32 characters, kept as E.164 (+33612345678); null or an empty string clears it.',
  })
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
