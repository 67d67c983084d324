import { trimmed, TextLength } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID } from 'class-validator';

@ArgsType()
export class CancelMissionArgs {
  @Field(() => ID, { description: "The mission's id." })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Why, at most 1000 characters once trimmed; optional.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(0, 1000, { message: 'must be at most 1000 characters' })
  reason?: string | null;
}
