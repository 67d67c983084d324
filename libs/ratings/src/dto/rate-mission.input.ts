import { trimmed, TextLength } from '@marketplace/common';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

@InputType()
export class RateMissionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  missionId!: string;

  @Field(() => Int)
  @IsInt({ message: 'must be a whole number from 1 to 5' })
  @Min(1, { message: 'must be a whole number from 1 to 5' })
  @Max(5, { message: 'must be a whole number from 1 to 5' })
  score!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(0, 1000, { message: 'must be at most 1000 characters' })
  comment?: string | null;
}
