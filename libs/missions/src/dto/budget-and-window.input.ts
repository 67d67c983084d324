import { Field, InputType, Int } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsAmountInCents, IsInstant } from './mission-text';

/** The optional budget and preferred window, as posting and editing a mission both take them (null clears them). */
@InputType({ isAbstract: true })
export abstract class MissionBudgetAndWindowInput {
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
