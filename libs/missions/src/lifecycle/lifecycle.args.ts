import { trimmed, TextLength } from '@marketplace/common';
import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { DisputeResolution } from './mission-steps';

@ArgsType()
export class MissionIdArgs {
  @Field(() => ID, { description: "The mission's id." })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  missionId!: string;
}

@ArgsType()
export class OpenDisputeArgs extends MissionIdArgs {
  @Field({ description: 'What is wrong with the delivery, 10 to 2000 characters once trimmed: for the moderators.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(10, 2000, { message: 'must be 10 to 2000 characters' })
  reason!: string;
}

@ArgsType()
export class ResolveDisputeArgs extends MissionIdArgs {
  @Field(() => DisputeResolution, { description: 'How the dispute is settled.' })
  @IsEnum(DisputeResolution)
  resolution!: DisputeResolution;

  @Field({ description: 'Why, 3 to 2000 characters once trimmed: written to the moderation log.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 2000, { message: 'must be 3 to 2000 characters' })
  note!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Required for SPLIT and refused otherwise (BAD_USER_INPUT): the cents given back to the client, at least 1 and less than what is left of the payment; the rest is paid to the provider, the platform's fee taken on that part only.",
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of cents' })
  @Min(1, { message: 'must be at least 1 cent' })
  refundCents?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The ground in our terms of use the settlement rests on (moderationGrounds(kind: DISPUTE_SETTLED)); DISPUTE_SETTLEMENT by default.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  groundId?: string | null;
}
