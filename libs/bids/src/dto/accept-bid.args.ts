import { IsAmountInCents } from '@marketplace/missions';
import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

@ArgsType()
export class AcceptBidArgs {
  @Field(() => ID, { description: "The bid's id." })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The amount the client saw and agrees to pay. When given, the acceptance is refused (CONFLICT) if the bid no longer has that amount.',
  })
  @IsOptional()
  @IsAmountInCents()
  expectedAmountCents?: number | null;
}
