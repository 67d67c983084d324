/**
 * Stripe Connect as the marketplace uses it: Express accounts for providers, Account Links whose
 * hosted onboarding the emulator completes in one step, transfers from the platform to those
 * accounts (limited by the charge they come from), and payouts of what the accounts received,
 * which the bank may return (the money goes back to the account's balance, for its next payout).
 */
import { StripeApiError } from './stripe-errors';
import { randomBase62 } from './stripe-ids';
import {
  AccountFields,
  AccountObject,
  RequestOrigin,
  StoredObject,
  StripeObject,
  TransferFields,
  TransferObject,
} from './stripe-object-types';
import { newAccount, newAccountLink, newBalanceTransaction, newBankAccount, newPayout, newTransfer } from './stripe-objects';
import { StripeStore } from './stripe-store';

const ACCOUNT_LINK_LIFETIME_SECONDS = 300;

/** Stripe's message for each payout failure code the emulator offers. */
const PAYOUT_FAILURES: Record<string, string> = {
  account_closed: 'The bank account has been closed.',
  no_account: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
  invalid_account_number: 'The bank account number appears to be invalid.',
  could_not_process: 'The bank could not process this payout.',
};

/** What an Account Link's URL stands for: its token is the only credential a browser opening it carries. */
interface AccountLinkGrant {
  accountId: string;
  returnUrl: string;
  refreshUrl: string;
  expiresAt: number;
  visited: boolean;
}

export class EmulatedConnect {
  /** Transfers whose money already left in a payout; the others make up their destination's balance. */
  private readonly paidOutTransfers = new Set<string>();
  /** Each payout's connected account and the transfers it carried. */
  private readonly payoutContents = new Map<string, { accountId: string; transferIds: string[] }>();
  private readonly accountLinks = new Map<string, AccountLinkGrant>();

  constructor(
    private readonly store: StripeStore,
    private readonly onboardingUrl: (accountId: string, token: string) => string,
  ) {}

  createAccount(fields: AccountFields): AccountObject {
    return this.store.put('account', newAccount(fields, this.store.now()));
  }

  /** A single-use link, valid ACCOUNT_LINK_LIFETIME_SECONDS, as Stripe's are. */
  createAccountLink(accountId: string, returnUrl: string, refreshUrl: string): StripeObject {
    if (!this.store.find('account', accountId)) throw StripeApiError.noSuch('account', accountId, 'account');
    const now = this.store.now();
    const expiresAt = now + ACCOUNT_LINK_LIFETIME_SECONDS;
    const token = randomBase62(32);
    this.accountLinks.set(token, { accountId, returnUrl, refreshUrl, expiresAt, visited: false });
    return newAccountLink(this.onboardingUrl(accountId, token), now, expiresAt);
  }

  /**
   * A browser opening an Account Link: the first visit within its lifetime completes onboarding
   * and goes to its return_url; a later or late one goes to its refresh_url, as on Stripe. Only the
   * addresses the link was created with are ever redirected to.
   */
  visitAccountLink(accountId: string, token: string): string {
    const grant = this.accountLinks.get(token);
    if (!grant || grant.accountId !== accountId) throw new StripeApiError(404, 'invalid_request_error', 'No such account link.');
    if (grant.visited || this.store.now() > grant.expiresAt) return grant.refreshUrl;
    grant.visited = true;
    this.completeOnboarding(accountId);
    return grant.returnUrl;
  }

  /** What finishing Stripe's hosted onboarding does; a second time changes nothing and emits nothing. */
  completeOnboarding(accountId: string): AccountObject {
    const account = this.store.get('account', accountId);
    if (account.details_submitted) return account;
    const previousAttributes = {
      capabilities: { ...account.capabilities },
      charges_enabled: account.charges_enabled,
      details_submitted: account.details_submitted,
      payouts_enabled: account.payouts_enabled,
      requirements: structuredClone(account.requirements),
    };
    const now = this.store.now();
    Object.assign(account, {
      capabilities: { ...Object.fromEntries(Object.keys(account.capabilities).map((name) => [name, 'active'])), transfers: 'active' },
      charges_enabled: true,
      details_submitted: true,
      payouts_enabled: true,
      requirements: { ...account.requirements, currently_due: [], eventually_due: [], past_due: [], disabled_reason: null },
      tos_acceptance: { date: now, ip: '127.0.0.1', user_agent: null },
    });
    account.external_accounts.data.push(newBankAccount(account));
    this.store.emit('account.updated', account, null, { account: account.id, previousAttributes });
    return account;
  }

  createTransfer(fields: TransferFields, origin: RequestOrigin): TransferObject {
    const destination = this.store.find('account', fields.destination);
    if (!destination) throw StripeApiError.noSuch('destination', fields.destination, 'destination');
    if (destination.capabilities.transfers !== 'active') {
      throw StripeApiError.invalidParam(
        'destination',
        'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
        'insufficient_capabilities_for_transfer',
      );
    }
    if (fields.sourceTransaction) this.assertSourceCovers(fields.sourceTransaction, fields.amount, fields.currency);
    const now = this.store.now();
    const transfer = this.store.put('transfer', newTransfer(fields, now));
    transfer.balance_transaction = this.store.put(
      'balance_transaction',
      newBalanceTransaction(
        { amount: -fields.amount, currency: fields.currency, source: transfer.id, type: 'transfer', description: null },
        now,
      ),
    ).id;
    this.store.emit('transfer.created', transfer, origin);
    return transfer;
  }

  /** Pays out everything transferred to the account since its last payout, at once and successfully. */
  payOut(accountId: string): StoredObject {
    const account = this.store.get('account', accountId);
    if (!account.payouts_enabled) {
      throw StripeApiError.invalidRequest(`Payouts are not enabled on ${accountId}: complete its onboarding first.`, 'payouts_not_allowed');
    }
    const transfers = this.store.list('transfer').filter((t) => t.destination === accountId && !this.paidOutTransfers.has(t.id));
    const currencies = new Set(transfers.map((transfer) => transfer.currency));
    if (currencies.size !== 1) {
      throw StripeApiError.invalidRequest(
        transfers.length === 0
          ? `${accountId} has no balance to pay out.`
          : `${accountId} holds several currencies; the emulator pays out one.`,
        'balance_insufficient',
      );
    }
    const [currency] = currencies;
    const amount = transfers.reduce((sum, transfer) => sum + transfer.amount, 0);
    const now = this.store.now();
    const destination = account.external_accounts.data[0]?.id ?? null;
    const payout = this.store.put('payout', newPayout({ amount, currency, destination }, now), accountId);
    payout.balance_transaction = this.store.put(
      'balance_transaction',
      newBalanceTransaction({ amount: -amount, currency, source: payout.id, type: 'payout', description: 'STRIPE PAYOUT' }, now),
    ).id;
    for (const transfer of transfers) this.paidOutTransfers.add(transfer.id);
    this.payoutContents.set(payout.id, { accountId, transferIds: transfers.map((transfer) => transfer.id) });
    this.store.emit('payout.created', { ...payout, status: 'pending' }, null, { account: accountId });
    this.store.emit('payout.paid', payout, null, { account: accountId });
    return payout;
  }

  /**
   * The bank returns a payout, as it may days after Stripe reported it paid: payout.failed with the
   * reason, and what it carried is back in the account's balance for its next payout.
   */
  failPayout(payoutId: string, failureCode = 'account_closed'): StoredObject {
    const payout = this.store.get('payout', payoutId);
    const contents = this.payoutContents.get(payoutId);
    const failureMessage = PAYOUT_FAILURES[failureCode];
    if (!failureMessage) {
      throw StripeApiError.invalidParam('failure_code', `failure_code must be one of ${Object.keys(PAYOUT_FAILURES).join(', ')}.`);
    }
    if (!contents || payout.status === 'failed')
      throw StripeApiError.invalidRequest(`Payout ${payoutId} cannot fail: it is ${String(payout.status)}.`);
    Object.assign(payout, { status: 'failed', failure_code: failureCode, failure_message: failureMessage });
    for (const transferId of contents.transferIds) this.paidOutTransfers.delete(transferId);
    this.store.emit('payout.failed', payout, null, { account: contents.accountId });
    return payout;
  }

  /** A transfer funded by a charge may not take more than what is left of it after refunds and earlier transfers. */
  private assertSourceCovers(chargeId: string, amount: number, currency: string): void {
    const charge = this.store.find('charge', chargeId);
    if (!charge) throw StripeApiError.noSuch('charge', chargeId, 'source_transaction');
    if (charge.status !== 'succeeded') {
      throw StripeApiError.invalidParam('source_transaction', `The source_transaction ${chargeId} has not succeeded.`);
    }
    if (charge.currency !== currency) {
      throw StripeApiError.invalidParam('currency', `The currency must be ${charge.currency}, the currency of the source_transaction.`);
    }
    const transferred = this.store
      .list('transfer')
      .filter((transfer) => transfer.source_transaction === chargeId)
      .reduce((sum, transfer) => sum + transfer.amount, 0);
    const available = charge.amount - charge.amount_refunded - transferred;
    if (amount > available) {
      throw StripeApiError.invalidParam(
        'amount',
        `Insufficient funds in source_transaction ${chargeId}: the transfer (${amount}) exceeds what remains of it (${available}).`,
        'balance_insufficient',
      );
    }
  }
}
