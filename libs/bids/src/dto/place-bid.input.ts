import { IsAmountInCents } from '@marketplace/missions';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { IsBidMessage, IsEstimatedHours } from './bid-fields';

@InputType()
export class PlaceBidInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  missionId!: string;

  @Field(() => Int)
  @IsAmountInCents()
  amountCents!: number;

  @Field()
  @IsBidMessage()
  message!: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsEstimatedHours()
  estimatedHours?: number | null;
}
