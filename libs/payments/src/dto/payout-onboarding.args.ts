import { TextLength } from '@marketplace/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsUrl } from 'class-validator';

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
