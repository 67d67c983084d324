/**
 * Failures a test asks for: the next calls to one endpoint fail before doing anything, either with
 * Stripe's 500 api_error or by never answering (the client's timeout ends them), so that retry and
 * idempotency handling can be proven without a flaky network.
 */
export type FaultyEndpoint = 'transfers' | 'refunds' | 'payment_intents' | 'accounts';
export type FaultMode = 'error' | 'timeout';

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
