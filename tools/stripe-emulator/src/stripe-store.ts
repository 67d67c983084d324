/**
 * The emulator's memory: every object it created, by type and id, and the events it emits, each
 * handed to a listener (webhook delivery) as it is created. Timestamps come from the injected clock.
 */
import { StripeApiError } from './stripe-errors';
import {
  AccountObject,
  ChargeObject,
  DisputeObject,
  EventObject,
  PaymentIntentObject,
  RequestOrigin,
  StoredObject,
  StripeObject,
  TransferObject,
} from './stripe-object-types';
import { newEvent } from './stripe-objects';

interface ObjectOfType {
  account: AccountObject;
  payment_intent: PaymentIntentObject;
  charge: ChargeObject;
  dispute: DisputeObject;
  refund: StoredObject;
  transfer: TransferObject;
  payout: StoredObject;
  event: EventObject;
  balance_transaction: StoredObject;
}

export type EmulatedObjectType = keyof ObjectOfType;

/** The version stamped on events whose cause sent no Stripe-Version (simulations such as onboarding have no request at all). */
const DEFAULT_API_VERSION = '2026-10-28.endive';

export class StripeStore {
  private readonly objects = new Map<EmulatedObjectType, Map<string, StoredObject>>();
  /** The connected account each object lives on; the others are the platform's. */
  private readonly accountOf = new Map<string, string>();

  constructor(
    private readonly clock: () => Date,
    private readonly eventListener: (event: EventObject) => void,
  ) {}

  /** Unix seconds, as Stripe's timestamps are. */
  now(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  /** `onAccount`: the connected account the object lives on (a payout, an event of that account); none: the platform's. */
  put<K extends EmulatedObjectType>(type: K, object: ObjectOfType[K], onAccount?: string): ObjectOfType[K] {
    this.objectsOf(type).set(object.id, object);
    if (onAccount) this.accountOf.set(object.id, onAccount);
    return object;
  }

  find<K extends EmulatedObjectType>(type: K, id: string): ObjectOfType[K] | undefined {
    return this.objectsOf(type).get(id) as ObjectOfType[K] | undefined;
  }

  /** The object the URL names: 404 resource_missing when there is none, as Stripe answers. */
  get<K extends EmulatedObjectType>(type: K, id: string): ObjectOfType[K] {
    const object = this.find(type, id);
    if (!object) throw StripeApiError.noSuch(type, id, 'id', 404);
    return object;
  }

  /** Oldest first. */
  list<K extends EmulatedObjectType>(type: K): ObjectOfType[K][] {
    return [...this.objectsOf(type).values()] as ObjectOfType[K][];
  }

  /** Oldest first, those living on the connected account, or on the platform when `account` is null. */
  listOn<K extends EmulatedObjectType>(type: K, account: string | null): ObjectOfType[K][] {
    return this.list(type).filter((object) => (this.accountOf.get(object.id) ?? null) === account);
  }

  findAnywhere(id: string): StoredObject | undefined {
    for (const objects of this.objects.values()) {
      const object = objects.get(id);
      if (object) return object;
    }
    return undefined;
  }

  emit(
    type: string,
    object: StripeObject,
    origin: RequestOrigin | null,
    details: { account?: string; previousAttributes?: Record<string, unknown> } = {},
  ): EventObject {
    const event = newEvent(type, object, { ...details, origin, apiVersion: origin?.stripeVersion ?? DEFAULT_API_VERSION }, this.now());
    this.put('event', event, details.account);
    this.eventListener(event);
    return event;
  }

  private objectsOf(type: EmulatedObjectType): Map<string, StoredObject> {
    let objects = this.objects.get(type);
    if (!objects) {
      objects = new Map();
      this.objects.set(type, objects);
    }
    return objects;
  }
}
