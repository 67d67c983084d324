import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { User } from './user.entity';

/** What happened to an account that its owner must hear of, by email (the link's token, when there is one, is only here). */
export type AccountEvent =
  | { type: 'EMAIL_VERIFICATION_REQUESTED'; user: User; token: string; expiresAt: Date }
  | { type: 'PASSWORD_RESET_REQUESTED'; user: User; token: string; expiresAt: Date }
  /** Someone tried to register with this user's address: the owner is told, the caller is not. */
  | { type: 'REGISTRATION_ATTEMPTED'; user: User }
  | { type: 'EMAIL_VERIFIED'; user: User };

export type AccountEventListener = (manager: EntityManager, event: AccountEvent) => Promise<void>;

/**
 * Run inside the transaction of the change, so that what a listener writes (an email in the
 * outbox) commits with it or not at all. Libraries above accounts subscribe when their module
 * starts; accounts never imports them.
 */
@Injectable()
export class AccountEvents {
  private readonly listeners: AccountEventListener[] = [];

  on(listener: AccountEventListener): void {
    this.listeners.push(listener);
  }

  async published(manager: EntityManager, event: AccountEvent): Promise<void> {
    for (const listener of this.listeners) await listener(manager, event);
  }
}
