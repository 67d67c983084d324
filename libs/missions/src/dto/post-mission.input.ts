import { Field, ID, InputType } from '@nestjs/graphql';
import { MissionBudgetAndWindowInput } from './budget-and-window.input';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { MissionCategory } from '../mission.entity';
import { LocationInput } from './location.input';
import { IsMissionDescription, IsMissionTitle } from './mission-text';

@InputType({ description: 'A new mission.' })
export class PostMissionInput extends MissionBudgetAndWindowInput {
  @Field({ description: '5 to 120 characters once trimmed.' })
  @IsMissionTitle()
  title!: string;

  @Field({ description: 'What is to be done, 20 to 5000 characters once trimmed.' })
  @IsMissionDescription()
  description!: string;

  @Field(() => MissionCategory, { description: 'The kind of work.' })
  @IsEnum(MissionCategory)
  category!: MissionCategory;

  @Field(() => LocationInput, { description: 'Where the work is done.' })
  @ValidateNested()
  @Type(() => LocationInput)
  location!: LocationInput;

  @Field(() => [ID], {
    nullable: true,
    description: 'Up to 6 photos the viewer uploaded (POST /photos) and has not attached yet, in the order shown; the first is the cover.',
  })
  @IsOptional()
  @IsUUID('all', { each: true, message: 'must be valid ids (UUID)' })
  photoIds?: string[];
}
