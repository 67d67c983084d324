import { trimmed, TextLength } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, IsUUID } from 'class-validator';

@ArgsType()
export class ReplyToRatingArgs {
  @Field(() => ID, { description: "The rating's id." })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  ratingId!: string;

  @Field({ description: 'The public answer, 1 to 1000 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(1, 1000, { message: 'must be 1 to 1000 characters' })
  reply!: string;
}
