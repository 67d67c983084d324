import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { MissionCategory } from '../mission.entity';
import { LocationInput } from './location.input';
import { IsAmountInCents, IsInstant, IsMissionDescription, IsMissionTitle } from './mission-text';

@InputType()
export class PostMissionInput {
  @Field()
  @IsMissionTitle()
  title!: string;

  @Field()
  @IsMissionDescription()
  description!: string;

  @Field(() => MissionCategory)
  @IsEnum(MissionCategory)
  category!: MissionCategory;

  @Field(() => LocationInput)
  @ValidateNested()
  @Type(() => LocationInput)
  location!: LocationInput;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsAmountInCents()
  budgetCents?: number | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsInstant()
  preferredStart?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsInstant()
  preferredEnd?: Date | null;
}
