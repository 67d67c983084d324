import { Field, InputType } from '@nestjs/graphql';
import { MissionBudgetAndWindowInput } from './budget-and-window.input';
import { ValidateIf } from 'class-validator';
import { IsMissionDescription, IsMissionTitle } from './mission-text';

/** Only what is given changes; null clears the budget or a window bound. Title and description cannot be cleared. */
@InputType({
  description: 'Changes to a mission: only the fields given change; null clears the budget or a bound of the preferred window.',
})
export class UpdateMissionInput extends MissionBudgetAndWindowInput {
  @Field({ nullable: true, description: '5 to 120 characters once trimmed; cannot be cleared.' })
  @ValidateIf((input: UpdateMissionInput) => input.title !== undefined)
  @IsMissionTitle()
  title?: string;

  @Field({ nullable: true, description: '20 to 5000 characters once trimmed; cannot be cleared.' })
  @ValidateIf((input: UpdateMissionInput) => input.description !== undefined)
  @IsMissionDescription()
  description?: string;
}
