import { trimmed, TextLength } from '@marketplace/common';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

@InputType({ description: "A party's rating of the other side of a completed mission." })
export class RateMissionInput {
  @Field(() => ID, { description: 'The mission rated.' })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  missionId!: string;

  @Field(() => Int, { description: 'A whole number from 1 to 5.' })
  @IsInt({ message: 'must be a whole number from 1 to 5' })
  @Min(1, { message: 'must be a whole number from 1 to 5' })
  @Max(5, { message: 'must be a whole number from 1 to 5' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'At most 1000 characters once trimmed; optional.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(0, 1000, { message: 'must be at most 1000 characters' })
  comment?: string | null;
}
