import { AccountsService } from '@marketplace/accounts';
import { Viewer } from '@marketplace/common';
import { ProvidersService } from '@marketplace/providers';
import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { NoProviderProfileError } from '../payments.errors';
import { InjectStripe } from '../stripe/stripe-client';

export interface OnboardingLink {
  url: string;
  expiresAt: Date;
}

/** A provider's Stripe Connect Express account (created once) and the links that onboard them onto it. */
@Injectable()
export class PayoutOnboardingService {
  constructor(
    @InjectStripe() private readonly stripe: Stripe,
    private readonly providers: ProvidersService,
    private readonly accounts: AccountsService,
  ) {}

  async start(provider: Viewer, returnUrl: string, refreshUrl: string): Promise<OnboardingLink> {
    const accountId = await this.accountOf(provider);
    const link = await this.stripe.accountLinks.create({
      account: accountId,
      return_url: returnUrl,
      refresh_url: refreshUrl,
      type: 'account_onboarding',
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  }

  /** The provider's account, created on first use; concurrent first calls get the same one (idempotency key). */
  private async accountOf(provider: Viewer): Promise<string> {
    const profile = await this.providers.findByUserId(provider.id);
    if (!profile) throw new NoProviderProfileError();
    if (profile.stripeAccountId) return profile.stripeAccountId;
    const user = await this.accounts.getById(provider.id);
    const account = await this.stripe.accounts.create(
      {
        type: 'express',
        country: 'FR',
        email: user.email,
        business_type: 'individual',
        capabilities: { transfers: { requested: true } },
        metadata: { userId: provider.id },
      },
      { idempotencyKey: `express-account-for-${provider.id}` },
    );
    await this.providers.attachStripeAccount(provider.id, account.id);
    return (await this.providers.findByUserId(provider.id))!.stripeAccountId!;
  }
}
