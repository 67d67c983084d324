import { Field, InputType, Int } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsAmountInCents, IsInstant } from './mission-text';

/** The optional budget and preferred window, as posting and editing a mission both take them (null clears them). */
@InputType({ isAbstract: true })
export abstract class MissionBudgetAndWindowInput {
  @Field(() => Int, {
    nullable: true,
    description: 'An indicative budget in euro cents, 500 to 1000000; null for none. Providers set their own price in their bids.',
  })
  @IsOptional()
  @IsAmountInCents()
  budgetCents?: number | null;

  @Field(() => Date, { nullable: true, description: 'When the client would like the work done: a date-time in the future; null for none.' })
  @IsOptional()
  @IsInstant()
  preferredStart?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the client would like the work finished: in the future and after preferredStart; null for none.',
  })
  @IsOptional()
  @IsInstant()
  preferredEnd?: Date | null;
}
