import { Field, InputType } from '@nestjs/graphql';
import { MissionBudgetAndWindowInput } from './budget-and-window.input';
import { Type } from 'class-transformer';
import { IsEnum, ValidateNested } from 'class-validator';
import { MissionCategory } from '../mission.entity';
import { LocationInput } from './location.input';
import { IsMissionDescription, IsMissionTitle } from './mission-text';

@InputType()
export class PostMissionInput extends MissionBudgetAndWindowInput {
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
}
