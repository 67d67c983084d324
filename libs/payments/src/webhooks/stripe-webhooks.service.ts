import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { ProvidersService } from '@marketplace/providers';
import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { ChargebacksService } from '../chargebacks/chargebacks.service';
import { PaymentsService } from '../payments.service';
import { PayoutsService } from '../payouts/payouts.service';
import { RefundsService } from '../refunds/refunds.service';
import { InjectStripe } from '../stripe/stripe-client';
import { BankPayoutsService } from '../payouts/bank-payouts.service';
import { InvalidWebhookError, MarketplaceEvent, parseStripeEvent, WebhookEndpoint } from './stripe-event-shape';
import { StripeEvent } from './stripe-event.entity';

/**
 * Stripe's webhooks, on two endpoints with a secret each (the platform's events, and connected
 * accounts' through Connect): the signature is checked on the raw body, then each event is processed once,
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
    private readonly refunds: RefundsService,
    private readonly bankPayouts: BankPayoutsService,
    private readonly chargebacks: ChargebacksService,
    private readonly providers: ProvidersService,
    private readonly transactions: Transactions,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Verifies an event with the endpoint's secret and parses it (InvalidWebhookError when forged,
   * stale, unsigned, signed for the other endpoint, or not of the shape its type has).
   */
  verify(endpoint: WebhookEndpoint, rawBody: Buffer, signature: string | undefined): MarketplaceEvent {
    const secret = endpoint === 'connect' ? this.config.stripe.connectWebhookSecret : this.config.stripe.webhookSecret;
    if (!signature || !secret) throw new InvalidWebhookError('Missing Stripe-Signature header.');
    let event: unknown;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch (error) {
      throw new InvalidWebhookError((error as Error).message);
    }
    return parseStripeEvent(event, endpoint);
  }

  /** Processes an event once. False when it had been processed already. */
  async process(event: MarketplaceEvent): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const recorded = await manager
        .createQueryBuilder()
        .insert()
        .into(StripeEvent)
        .values({ id: event.id, type: event.stripeType, createdAt: event.created })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((recorded.raw as unknown[]).length === 0) return false;
      await this.apply(manager, event);
      this.logger.log({ msg: 'Stripe event processed', eventId: event.id, type: event.stripeType });
      return true;
    });
  }

  private async apply(manager: EntityManager, event: MarketplaceEvent): Promise<void> {
    switch (event.type) {
      case 'payment_intent.succeeded':
        return this.payments.recordSucceeded(manager, event.paymentIntentId, event.chargeId);
      case 'payment_intent.payment_failed':
        return this.payments.recordFailed(manager, event.paymentIntentId);
      case 'payment_intent.canceled':
        return this.payments.recordCanceled(manager, event.paymentIntentId);
      case 'charge.refunded':
        return this.refunds.noteRefundedAtStripe(manager, event.paymentIntentId, event.amountRefunded);
      case 'account.updated': {
        const providerId = await this.providers.recordPayoutAbility(manager, event.accountId, event.canReceiveTransfers, event.created);
        if (providerId && event.canReceiveTransfers) await this.payouts.releaseHeldPayoutsOf(manager, providerId);
        return;
      }
      case 'payout.paid': {
        const profile = await this.providers.findByStripeAccount(manager, event.accountId);
        if (profile) await this.bankPayouts.recordPaid(manager, profile.userId, event.bankPayoutId, event.arrivalDate);
        return;
      }
      case 'payout.failed': {
        const profile = await this.providers.findByStripeAccount(manager, event.accountId);
        if (profile) await this.bankPayouts.recordFailed(manager, profile.userId, event.bankPayoutId, event.failureReason);
        return;
      }
      case 'chargeback':
        return this.chargebacks.record(manager, event.chargeback, event.created);
      case 'ignored':
        return;
    }
  }
}
