import { trimmed, TextLength } from '@marketplace/common';
import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, Min } from 'class-validator';
import { DisputeResolution } from '../lifecycle/mission-lifecycle.service';

@ArgsType()
export class MissionIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  missionId!: string;
}

@ArgsType()
export class OpenDisputeArgs extends MissionIdArgs {
  @Field()
  @Transform(trimmed)
  @IsString()
  @TextLength(10, 2000, { message: 'must be 10 to 2000 characters' })
  reason!: string;
}

@ArgsType()
export class ResolveDisputeArgs extends MissionIdArgs {
  @Field(() => DisputeResolution)
  @IsEnum(DisputeResolution)
  resolution!: DisputeResolution;

  @Field()
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 2000, { message: 'must be 3 to 2000 characters' })
  note!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "SPLIT only: the cents given back to the client, at least 1 and less than what is left of the payment; the rest is paid to the provider, the platform's fee taken on that part only.",
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of cents' })
  @Min(1, { message: 'must be at least 1 cent' })
  refundCents?: number | null;
}

const WEB_ADDRESS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

@ArgsType()
export class StartPayoutOnboardingArgs {
  @Field()
  @IsUrl(WEB_ADDRESS, { message: 'must be an http(s) URL' })
  @TextLength(0, 2000, { message: 'must be at most 2000 characters' })
  returnUrl!: string;

  @Field()
  @IsUrl(WEB_ADDRESS, { message: 'must be an http(s) URL' })
  @TextLength(0, 2000, { message: 'must be at most 2000 characters' })
  refreshUrl!: string;
}
