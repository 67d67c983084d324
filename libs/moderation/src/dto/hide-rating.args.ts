import { trimmed, TextLength } from '@marketplace/common';
import { RatingHideReason } from '@marketplace/ratings';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

@ArgsType()
export class HideRatingArgs {
  @Field(() => ID, { description: "The rating's id." })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  id!: string;

  @Field(() => RatingHideReason, {
    nullable: true,
    description: 'Why, from the closed list published by reviewPolicy. Required unless the deprecated reason is given.',
  })
  @IsOptional()
  @IsEnum(RatingHideReason)
  reasonCode?: RatingHideReason | null;

  @Field(() => String, {
    nullable: true,
    description: "The moderator's own words beside reasonCode, 3 to 1000 characters once trimmed; told to the author.",
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 1000, { message: 'must be 3 to 1000 characters' })
  detail?: string | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Use reasonCode and detail. Given alone, it is recorded as TERMS_BREACH with this text as its detail.',
    description: 'The former free-text reason, 3 to 1000 characters once trimmed.',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 1000, { message: 'must be 3 to 1000 characters' })
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The ground in our terms of use the decision rests on (moderationGrounds lists them by kind); by default the kind's general clause. Cited in the statement of reasons the author receives.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  groundId?: string | null;
}
