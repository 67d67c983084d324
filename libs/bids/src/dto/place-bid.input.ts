import { IsAmountInCents } from '@marketplace/missions';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { IsBidMessage, IsEstimatedHours } from './bid-fields';

@InputType({ description: 'A bid on a mission.' })
export class PlaceBidInput {
  @Field(() => ID, { description: 'The mission bid on.' })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  missionId!: string;

  @Field(() => Int, { description: "The provider's price for the whole mission, in euro cents, 500 to 1000000." })
  @IsAmountInCents()
  amountCents!: number;

  @Field({ description: 'A message to the client, 10 to 2000 characters once trimmed.' })
  @IsBidMessage()
  message!: string;

  @Field(() => Float, { nullable: true, description: 'An estimate of the work, 0.25 to 200 hours; optional.' })
  @IsOptional()
  @IsEstimatedHours()
  estimatedHours?: number | null;
}
