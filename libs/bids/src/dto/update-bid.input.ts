import { IsAmountInCents } from '@marketplace/missions';
import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsOptional, ValidateIf } from 'class-validator';
import { IsBidMessage, IsEstimatedHours } from './bid-fields';

/** Only what is given changes; null clears the estimate. Amount and message cannot be cleared. */
@InputType()
export class UpdateBidInput {
  @Field(() => Int, { nullable: true })
  @ValidateIf((input: UpdateBidInput) => input.amountCents !== undefined)
  @IsAmountInCents()
  amountCents?: number;

  @Field({ nullable: true })
  @ValidateIf((input: UpdateBidInput) => input.message !== undefined)
  @IsBidMessage()
  message?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsEstimatedHours()
  estimatedHours?: number | null;
}
