import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Money the client got back, as recorded: a refund (ours, or one made at Stripe), or a chargeback lost. */
export interface MoneyReturned {
  paymentId: string;
  missionId: string;
  /** What was returned, in the payment's currency's cents. */
  amountCents: number;
  /** Names the return once: `refund:<Stripe refund id>` or `chargeback:<Stripe dispute id>`. */
  reference: string;
}

export type MoneyReturnedListener = (manager: EntityManager, returned: MoneyReturned) => Promise<void>;

/** A payout transferred to its provider, as its PAYOUT movement was recorded in the ledger. */
export interface PayoutMade {
  payoutId: string;
  providerId: string;
  missionId: string;
}

export type PayoutMadeListener = (manager: EntityManager, made: PayoutMade) => Promise<void>;

/**
 * What other domains do when payments records money going back to a client, run inside the
 * transaction that records it (once per return: a redelivered webhook records nothing and tells
 * no one); a listener that throws refuses the recording. Libraries higher in the dependency order
 * (invoicing) subscribe when their module starts; payments never imports them.
 */
@Injectable()
export class PaymentEvents {
  private readonly moneyReturnedListeners: MoneyReturnedListener[] = [];
  private readonly payoutMadeListeners: PayoutMadeListener[] = [];

  onMoneyReturned(listener: MoneyReturnedListener): void {
    this.moneyReturnedListeners.push(listener);
  }

  async moneyReturned(manager: EntityManager, returned: MoneyReturned): Promise<void> {
    for (const listener of this.moneyReturnedListeners) await listener(manager, returned);
  }

  /** Revenue the provider received (tax watches its thresholds), in the transaction recording it. */
  onPayoutMade(listener: PayoutMadeListener): void {
    this.payoutMadeListeners.push(listener);
  }

  async payoutMade(manager: EntityManager, made: PayoutMade): Promise<void> {
    for (const listener of this.payoutMadeListeners) await listener(manager, made);
  }
}
