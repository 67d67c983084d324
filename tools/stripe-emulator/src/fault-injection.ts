/**
 * Failures a test asks for: the next calls to one endpoint fail without doing anything, so that
 * retry and idempotency handling can be proven without a flaky network:
 * - `error`: Stripe's 500 api_error before the endpoint runs (not kept for idempotent replay);
 * - `saved-error`: the same 500 once the endpoint began, which Stripe keeps under the request's
 *   idempotency key and replays to every retry with that key until the key expires (24 h);
 * - `timeout`: never answering (the client's timeout ends the call).
 */
export type FaultyEndpoint = 'transfers' | 'refunds' | 'payment_intents' | 'accounts';
export type FaultMode = 'error' | 'saved-error' | 'timeout';

export class FaultPlan {
  private readonly pending = new Map<string, FaultMode[]>();

  failNext(endpoint: FaultyEndpoint, count: number, mode: FaultMode): void {
    this.pending.set(endpoint, [...(this.pending.get(endpoint) ?? []), ...Array<FaultMode>(count).fill(mode)]);
  }

  clear(endpoint: FaultyEndpoint): void {
    this.pending.delete(endpoint);
  }

  /** The failure due for this call to `/v1/<endpoint>…`, if any, used up by taking it. */
  take(endpoint: string): FaultMode | undefined {
    return this.pending.get(endpoint)?.shift();
  }
}
