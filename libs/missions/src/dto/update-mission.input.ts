import { Field, InputType } from '@nestjs/graphql';
import { MissionBudgetAndWindowInput } from './budget-and-window.input';
import { ValidateIf } from 'class-validator';
import { IsMissionDescription, IsMissionTitle } from './mission-text';

/** Only what is given changes; null clears the budget or a window bound. Title and description cannot be cleared. */
@InputType()
export class UpdateMissionInput extends MissionBudgetAndWindowInput {
  @Field({ nullable: true })
  @ValidateIf((input: UpdateMissionInput) => input.title !== undefined)
  @IsMissionTitle()
  title?: string;

  @Field({ nullable: true })
  @ValidateIf((input: UpdateMissionInput) => input.description !== undefined)
  @IsMissionDescription()
  description?: string;
}
