import { Field, InputType, Int } from '@nestjs/graphql';
import { IsOptional, ValidateIf } from 'class-validator';
import { IsAmountInCents, IsInstant, IsMissionDescription, IsMissionTitle } from './mission-text';

/** Only what is given changes; null clears the budget or a window bound. Title and description cannot be cleared. */
@InputType()
export class UpdateMissionInput {
  @Field({ nullable: true })
  @ValidateIf((input: UpdateMissionInput) => input.title !== undefined)
  @IsMissionTitle()
  title?: string;

  @Field({ nullable: true })
  @ValidateIf((input: UpdateMissionInput) => input.description !== undefined)
  @IsMissionDescription()
  description?: string;

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
