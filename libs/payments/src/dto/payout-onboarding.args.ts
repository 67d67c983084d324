import { TextLength } from '@marketplace/common';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsUrl } from 'class-validator';

const WEB_ADDRESS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

@ArgsType()
export class StartPayoutOnboardingArgs {
  @Field({ description: 'Where Stripe sends the provider back when they leave the onboarding: an http(s) URL, at most 2000 characters.' })
  @IsUrl(WEB_ADDRESS, { message: 'must be an http(s) URL' })
  @TextLength(0, 2000, { message: 'must be at most 2000 characters' })
  returnUrl!: string;

  @Field({
    description:
      'Where Stripe sends the provider when the link has expired or was used: an http(s) URL, at most 2000 characters, whose page asks startPayoutOnboarding for a new link.',
  })
  @IsUrl(WEB_ADDRESS, { message: 'must be an http(s) URL' })
  @TextLength(0, 2000, { message: 'must be at most 2000 characters' })
  refreshUrl!: string;
}
