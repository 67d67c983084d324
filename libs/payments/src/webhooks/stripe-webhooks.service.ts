import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { ProvidersService } from '@marketplace/providers';
import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { PaymentsService } from '../payments.service';
import { PayoutsService } from '../payouts/payouts.service';
import { InjectStripe } from '../stripe/stripe-client';
import { StripeEvent } from './stripe-event.entity';

export class InvalidWebhookError extends Error {}

/**
 * Stripe's webhooks: the signature is checked on the raw body, then each event is processed once,
 * in one transaction with the record that it was (a redelivery finds the record and does nothing).
 * Handlers are written for any order: a state only moves forward, and an account's status is
 * applied only if the event is newer than the one it came from.
 */
@Injectable()
export class StripeWebhooksService {
  private readonly logger = new Logger(StripeWebhooksService.name);

  constructor(
    @InjectStripe() private readonly stripe: Stripe,
    private readonly payments: PaymentsService,
    private readonly payouts: PayoutsService,
    private readonly providers: ProvidersService,
    private readonly transactions: Transactions,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Verifies and parses an event (InvalidWebhookError when forged, stale or unsigned). */
  verify(rawBody: Buffer, signature: string | undefined): Stripe.Event {
    if (!signature || !this.config.stripe.webhookSecret) throw new InvalidWebhookError('Missing Stripe-Signature header.');
    try {
      return this.stripe.webhooks.constructEvent(rawBody, signature, this.config.stripe.webhookSecret);
    } catch (error) {
      throw new InvalidWebhookError((error as Error).message);
    }
  }

  /** Processes an event once. False when it had been processed already. */
  async process(event: Stripe.Event): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const recorded = await manager
        .createQueryBuilder()
        .insert()
        .into(StripeEvent)
        .values({ id: event.id, type: event.type, createdAt: new Date(event.created * 1000) })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((recorded.raw as unknown[]).length === 0) return false;
      await this.apply(manager, event);
      this.logger.log({ msg: 'Stripe event processed', eventId: event.id, type: event.type });
      return true;
    });
  }

  private async apply(manager: EntityManager, event: Stripe.Event): Promise<void> {
    switch (event.type) {
      case 'payment_intent.succeeded': {
        const intent = event.data.object;
        const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null);
        return this.payments.recordSucceeded(manager, intent.id, chargeId);
      }
      case 'payment_intent.payment_failed':
        return this.payments.recordFailed(manager, event.data.object.id);
      case 'account.updated': {
        const account = event.data.object;
        const canReceiveTransfers = account.capabilities?.transfers === 'active' && account.payouts_enabled === true;
        const providerId = await this.providers.recordPayoutAbility(
          manager,
          account.id,
          canReceiveTransfers,
          new Date(event.created * 1000),
        );
        if (providerId && canReceiveTransfers) await this.payouts.releaseHeldPayoutsOf(manager, providerId);
        return;
      }
      case 'payout.paid': {
        if (!event.account) return;
        const profile = await this.providers.findByStripeAccount(manager, event.account);
        if (profile) await this.payouts.recordPaidOut(manager, profile.userId, new Date(event.data.object.arrival_date * 1000));
        return;
      }
      default:
        return;
    }
  }
}
