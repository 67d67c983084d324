/**
 * Stripe's idempotent requests (API v1, docs.stripe.com/api/idempotent_requests): the first
 * response to a POST carrying an `Idempotency-Key` is kept once the endpoint began executing
 * (status and body, frozen as sent), whether it succeeded or failed, 4xx and 500 alike, and a retry
 * with that key on the same endpoint with the same parameters gets it again instead of acting
 * twice. What fails before the endpoint runs (an unknown key, a rate limit, a fault the emulator
 * injects in front) is not kept. Keys are pruned 24 hours after their first use: the same key is
 * then a new request. Reusing a key for another endpoint or other parameters is refused with an
 * idempotency_error. Keys are scoped to the API key that sent them.
 */
import { FormValue } from './form-encoding';
import { StripeApiError } from './stripe-errors';

export interface StoredResponse {
  status: number;
  body: string;
  requestId: string;
}

interface Entry {
  endpoint: string;
  fingerprint: string;
  response: StoredResponse;
  savedAt: number;
}

export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 3_600_000;

export interface IdempotentRequest {
  apiKey: string;
  key: string;
  endpoint: string;
  params: FormValue;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: () => Date) {}

  /** The response to replay, if the key was used in the last 24 hours; throws when it was used for something else. */
  replayOf(request: IdempotentRequest): StoredResponse | undefined {
    const key = scopedKey(request);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock().getTime() - entry.savedAt >= IDEMPOTENCY_KEY_LIFETIME_MS) {
      this.entries.delete(key);
      return undefined;
    }
    if (entry.endpoint !== request.endpoint) {
      throw new StripeApiError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${entry.endpoint}' vs '${request.endpoint}'). Try using a key other than '${request.key}' if you meant to execute a different request.`,
      );
    }
    if (entry.fingerprint !== fingerprintOf(request.params)) {
      throw new StripeApiError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${request.key}' if you meant to execute a different request.`,
      );
    }
    return entry.response;
  }

  save(request: IdempotentRequest, response: StoredResponse): void {
    const entry = { endpoint: request.endpoint, fingerprint: fingerprintOf(request.params), response, savedAt: this.clock().getTime() };
    this.entries.set(scopedKey(request), entry);
  }
}

function scopedKey(request: IdempotentRequest): string {
  return JSON.stringify([request.apiKey, request.key]);
}

/** The parameters as canonical JSON: the order in which a client encoded them does not matter. */
function fingerprintOf(params: FormValue): string {
  return JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
