import { trimmed, TextLength } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, IsUrl, IsUUID } from 'class-validator';
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
