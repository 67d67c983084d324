import { IsAmountInCents } from '@marketplace/missions';
import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsOptional, ValidateIf } from 'class-validator';
import { IsBidMessage, IsEstimatedHours } from './bid-fields';

/** Only what is given changes; null clears the estimate. Amount and message cannot be cleared. */
@InputType({ description: 'Changes to a pending bid: only the fields given change.' })
export class UpdateBidInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The new price for the whole mission, in euro cents, 500 to 1000000; cannot be cleared.',
  })
  @ValidateIf((input: UpdateBidInput) => input.amountCents !== undefined)
  @IsAmountInCents()
  amountCents?: number;

  @Field({ nullable: true, description: 'The new message, 10 to 2000 characters once trimmed; cannot be cleared.' })
  @ValidateIf((input: UpdateBidInput) => input.message !== undefined)
  @IsBidMessage()
  message?: string;

  @Field(() => Float, { nullable: true, description: 'The new estimate, 0.25 to 200 hours; null clears it.' })
  @IsOptional()
  @IsEstimatedHours()
  estimatedHours?: number | null;
}
