/**
 * A local Stripe: an HTTP server answering the Stripe API paths the marketplace uses with Stripe's
 * object shapes, so the official SDK runs end to end without keys or network (the app starts it
 * when no STRIPE_SECRET_KEY is set; tests start their own). Events are signed and POSTed as Stripe
 * sends them: those of connected accounts (with `account`) to the Connect endpoint, signed with its
 * own secret, the platform's to the platform endpoint.
 *
 * A call goes through: API key → route → injected fault → idempotency replay → operation → answer.
 * `/_emulator/…` paths stand in for Stripe's hosted pages (finishing onboarding from an Account Link),
 * for time passing (a payout reaching the bank, or the bank returning it) and for the card networks
 * (a cardholder's bank charging a payment back, then the network deciding it), so a person can walk
 * the journey with curl.
 * Every path needs the emulator's own secret key, except an Account Link's, which a browser opens:
 * its single-use token is its credential, as on Stripe.
 */
import { timingSafeEqual } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { DISPUTE_REASONS, DisputeOutcome, DisputeReason, EmulatedChargebacks } from './emulated-chargebacks';
import { EmulatedConnect } from './emulated-connect';
import { EmulatedPayments } from './emulated-payments';
import { FaultMode, FaultPlan, FaultyEndpoint } from './fault-injection';
import { FormEncodingError, FormObject, decodeForm } from './form-encoding';
import { IdempotencyStore, IdempotentRequest } from './idempotency';
import { RequestParams } from './request-params';
import { StripeApiError } from './stripe-errors';
import { randomBase62 } from './stripe-ids';
import { EventObject, RequestOrigin } from './stripe-object-types';
import { ApiRoute, expandFields, matchRoute, stripeApiRoutes } from './stripe-routes';
import { StripeStore } from './stripe-store';
import { WebhookDelivery } from './webhook-delivery';

export interface StripeEmulatorOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 in a container, whose port is published. */
  host?: string;
  /** The emulator's address as a browser reaches it, for the onboarding links it hands out (default: the address it listens on). */
  publicUrl?: string;
  /** The `whsec_…` secret the platform endpoint's events are signed with. */
  webhookSecret: string;
  /** The Connect endpoint's (connected accounts' events); default: a fresh random one, see `connectWebhookSecret`. */
  connectWebhookSecret?: string;
  /** The only API key accepted (`sk_test_…`); default: a fresh random one, see `secretKey`. */
  secretKey?: string;
  /** The time objects are created at and idempotency keys expire by (see passTime); webhook signatures always use the wall clock. */
  clock?: () => Date;
}

/** Stripe's two kinds of webhook endpoint: the platform's own events, and its connected accounts' (a Connect endpoint). */
export type WebhookEndpoint = 'platform' | 'connect';

export type WebhookUrls = Record<WebhookEndpoint, string>;

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  /** 0 while unanswered, and for ever for a call an injected timeout swallowed. */
  status: number;
}

export type ObservableObjectType = 'account' | 'payment_intent' | 'charge' | 'dispute' | 'refund' | 'transfer' | 'payout' | 'event';

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const MAX_BODY_BYTES = 1_000_000;

export class StripeEmulator {
  readonly protocol = 'http' as const;
  readonly requests: RecordedRequest[] = [];
  /** The API key every call but an Account Link's must carry. */
  readonly secretKey: string;
  readonly connectWebhookSecret: string;
  private readonly webhooks: Record<WebhookEndpoint, WebhookDelivery>;
  private readonly store: StripeStore;
  private readonly connect: EmulatedConnect;
  private readonly chargebacks: EmulatedChargebacks;
  private readonly routes: ApiRoute[];
  private readonly idempotency: IdempotencyStore;
  private readonly faults = new FaultPlan();
  /** Time passed on purpose (passTime), added to the clock. */
  private timePassedMs = 0;
  /** Calls an injected timeout holds open until the client gives up or the emulator stops. */
  private readonly held = new Set<ServerResponse>();
  private readonly server: Server;
  private address: { host: string; port: number } | null = null;

  private constructor(options: StripeEmulatorOptions) {
    this.secretKey = options.secretKey ?? `sk_test_${randomBase62(32)}`;
    this.connectWebhookSecret = options.connectWebhookSecret ?? `whsec_${randomBase62(32)}`;
    this.webhooks = { platform: new WebhookDelivery(options.webhookSecret), connect: new WebhookDelivery(this.connectWebhookSecret) };
    const clock = options.clock ?? (() => new Date());
    const now = () => new Date(clock().getTime() + this.timePassedMs);
    this.idempotency = new IdempotencyStore(now);
    this.store = new StripeStore(now, (event) => this.webhooks[endpointOf(event)].enqueue(event));
    this.connect = new EmulatedConnect(
      this.store,
      (accountId, token) => `${options.publicUrl ?? this.url}/_emulator/onboarding/${accountId}/${token}`,
    );
    this.chargebacks = new EmulatedChargebacks(this.store);
    this.routes = stripeApiRoutes(this.store, new EmulatedPayments(this.store), this.connect);
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(options: StripeEmulatorOptions): Promise<StripeEmulator> {
    const emulator = new StripeEmulator(options);
    await emulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return emulator;
  }

  get host(): string {
    return this.listening().host;
  }

  get port(): number {
    return this.listening().port;
  }

  get url(): string {
    const { host, port } = this.listening();
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** Where events are POSTed; null: nowhere (they are still recorded, and can be delivered later). */
  setWebhookUrls(urls: WebhookUrls | null): void {
    this.webhooks.platform.setUrl(urls?.platform ?? null);
    this.webhooks.connect.setUrl(urls?.connect ?? null);
  }

  async stop(): Promise<void> {
    this.webhooks.platform.stop();
    this.webhooks.connect.stop();
    for (const response of this.held) response.destroy();
    const closed = new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    this.server.closeAllConnections();
    await closed;
  }

  /** The endpoint answers normally again: failures still planned are dropped. */
  stopFailing(endpoint: FaultyEndpoint): void {
    this.faults.clear(endpoint);
  }

  /** The next `count` calls to `/v1/<endpoint>…` fail without doing anything (see FaultMode: kept for idempotent replay or not). */
  failNext(endpoint: FaultyEndpoint, count: number, mode: FaultMode): void {
    this.faults.failNext(endpoint, count, mode);
  }

  /** Moves the emulator's time on, as a test waiting that long would: idempotency keys older than 24 h are forgotten. */
  passTime(ms: number): void {
    this.timePassedMs += ms;
  }

  /** Copies of every object of the type, oldest first. */
  objects(type: ObservableObjectType): Record<string, unknown>[] {
    return structuredClone(this.store.list(type));
  }

  async completeOnboarding(accountId: string): Promise<void> {
    this.connect.completeOnboarding(accountId);
  }

  async payOut(accountId: string): Promise<string> {
    return this.connect.payOut(accountId).id;
  }

  async failPayout(payoutId: string, failureCode?: string): Promise<void> {
    this.connect.failPayout(payoutId, failureCode);
  }

  /** The cardholder's bank charges the charge back (default: all that refunds left of it, as `fraudulent`): the `dp_…` id. */
  async openChargeback(chargeId: string, options: { amount?: number; reason?: DisputeReason } = {}): Promise<string> {
    return this.chargebacks.open(chargeId, { amount: options.amount ?? null, reason: options.reason ?? 'fraudulent' }).id;
  }

  async closeChargeback(disputeId: string, outcome: DisputeOutcome): Promise<void> {
    this.chargebacks.close(disputeId, outcome);
  }

  /** One more delivery of the event, to the endpoint it belongs to. */
  async deliver(eventId: string): Promise<number> {
    const event = this.store.get('event', eventId);
    return this.webhooks[endpointOf(event)].deliver(event);
  }

  /** A `Stripe-Signature` header for any payload, as the endpoint's secret signs it (default: the platform's, now). */
  signatureHeader(payload: string, { endpoint = 'platform', timestamp }: { endpoint?: WebhookEndpoint; timestamp?: number } = {}): string {
    return this.webhooks[endpoint].signatureHeader(payload, timestamp);
  }

  private listening(): { host: string; port: number } {
    if (!this.address) throw new Error('The Stripe emulator is not listening');
    return this.address;
  }

  private listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.address = { host, port: (this.server.address() as AddressInfo).port };
        resolve();
      });
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const idempotencyKey = headerOf(request, 'idempotency-key');
    const record: RecordedRequest = { method, path: url.pathname, ...(idempotencyKey ? { idempotencyKey } : {}), status: 0 };
    this.requests.push(record);
    const requestId = `req_${randomBase62(14)}`;
    let answer: Answer | null;
    try {
      const body = await readBody(request);
      answer = url.pathname.startsWith('/_emulator/')
        ? this.simulate(request, method, url, body)
        : this.callApi(request, url, body, {
            id: requestId,
            idempotencyKey,
            stripeVersion: headerOf(request, 'stripe-version'),
            stripeAccount: headerOf(request, 'stripe-account'),
          });
    } catch (error) {
      answer = errorAnswer(error);
    }
    if (!answer) {
      this.hold(response);
      return;
    }
    record.status = answer.status;
    response.writeHead(answer.status, { 'Content-Type': 'application/json', 'Request-Id': requestId, ...answer.headers });
    response.end(answer.body);
  }

  /** Synchronous from the idempotency lookup to the save, so two retries racing cannot both act. Null: an injected timeout. */
  private callApi(request: IncomingMessage, url: URL, body: string, origin: RequestOrigin): Answer | null {
    const apiKey = this.authenticate(request);
    const method = request.method ?? 'GET';
    const match = matchRoute(this.routes, method, url.pathname);
    if (!match) {
      throw new StripeApiError(
        404,
        'invalid_request_error',
        `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      );
    }
    const fault = this.faults.take(url.pathname.split('/')[2]);
    if (fault === 'timeout') return null;
    if (fault === 'error') throw injectedServerError();
    const form = decodeForm(method === 'GET' ? url.search.slice(1) : body);
    const idempotent: IdempotentRequest | null =
      method === 'POST' && origin.idempotencyKey
        ? { apiKey, key: origin.idempotencyKey, endpoint: `${method} ${url.pathname}`, params: form }
        : null;
    const replay = idempotent && this.idempotency.replayOf(idempotent);
    if (replay) {
      return { status: replay.status, body: replay.body, headers: { 'Idempotent-Replayed': 'true', 'Original-Request': replay.requestId } };
    }
    const answer = fault === 'saved-error' ? errorAnswer(injectedServerError()) : this.execute(match.route, match.pathParams, form, origin);
    if (idempotent) this.idempotency.save(idempotent, { status: answer.status, body: answer.body, requestId: origin.id });
    return answer;
  }

  private execute(route: ApiRoute, pathParams: Record<string, string>, form: FormObject, origin: RequestOrigin): Answer {
    try {
      const params = new RequestParams(form);
      return jsonAnswer(expandFields(route.handle({ params, pathParams, origin }), params.stringList('expand'), this.store));
    } catch (error) {
      return errorAnswer(error);
    }
  }

  /**
   * What Stripe's hosted pages (an Account Link, opened by a browser), the passing of time and the card
   * networks (API key needed) would do. Parameters come in the query string or a form body.
   */
  private simulate(request: IncomingMessage, method: string, url: URL, body: string): Answer {
    const onboarding = /^\/_emulator\/onboarding\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && onboarding) {
      return { status: 302, body: '', headers: { Location: this.connect.visitAccountLink(onboarding[1], onboarding[2]) } };
    }
    this.authenticate(request);
    const payout = /^\/_emulator\/accounts\/([^/]+)\/payouts$/.exec(url.pathname);
    if (method === 'POST' && payout) {
      return { status: 200, body: JSON.stringify({ payout: this.connect.payOut(payout[1]).id }) };
    }
    const failure = /^\/_emulator\/payouts\/([^/]+)\/fail$/.exec(url.pathname);
    if (method === 'POST' && failure) {
      const failed = this.connect.failPayout(failure[1], url.searchParams.get('failure_code') ?? undefined);
      return { status: 200, body: JSON.stringify({ payout: failed.id, failure_code: failed.failure_code }) };
    }
    const params = new RequestParams({ ...decodeForm(url.search.slice(1)), ...decodeForm(body) });
    const chargeback = /^\/_emulator\/charges\/([^/]+)\/dispute$/.exec(url.pathname);
    if (method === 'POST' && chargeback) {
      const reason = params.optionalString('reason') === null ? 'fraudulent' : params.oneOf('reason', DISPUTE_REASONS);
      return jsonAnswer(this.chargebacks.open(chargeback[1], { amount: params.optionalAmount('amount'), reason }));
    }
    const decision = /^\/_emulator\/disputes\/([^/]+)\/close$/.exec(url.pathname);
    if (method === 'POST' && decision) {
      return jsonAnswer(this.chargebacks.close(decision[1], params.oneOf('outcome', ['won', 'lost'])));
    }
    throw new StripeApiError(404, 'invalid_request_error', `Unrecognized emulator URL (${method}: ${url.pathname}).`);
  }

  /** The API key, from Bearer auth or from the user of Basic auth, as Stripe accepts both: this emulator's own, or 401. */
  private authenticate(request: IncomingMessage): string {
    const apiKey = apiKeyOf(request);
    if (!apiKey) {
      throw new StripeApiError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    if (!sameSecret(apiKey, this.secretKey)) {
      throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${apiKey.slice(0, 8)}${'*'.repeat(8)}`);
    }
    return apiKey;
  }

  private hold(response: ServerResponse): void {
    this.held.add(response);
    response.on('close', () => this.held.delete(response));
  }
}

/** Stripe sends a connected account's events (they carry `account`) to Connect endpoints only. */
function endpointOf(event: EventObject): WebhookEndpoint {
  return event.account ? 'connect' : 'platform';
}

function apiKeyOf(request: IncomingMessage): string {
  const [scheme = '', credentials = ''] = (request.headers.authorization ?? '').split(' ');
  if (scheme.toLowerCase() === 'bearer') return credentials;
  if (scheme.toLowerCase() === 'basic') return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
  return '';
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

function injectedServerError(): StripeApiError {
  return new StripeApiError(500, 'api_error', 'An unknown error occurred (injected by the Stripe emulator).');
}

function jsonAnswer(object: object): Answer {
  return { status: 200, body: JSON.stringify(object, null, 2) };
}

function errorAnswer(error: unknown): Answer {
  const apiError =
    error instanceof StripeApiError
      ? error
      : error instanceof FormEncodingError
        ? StripeApiError.invalidRequest(error.message)
        : new StripeApiError(500, 'api_error', `The Stripe emulator failed: ${error instanceof Error ? error.message : String(error)}`);
  return { status: apiError.status, body: JSON.stringify({ error: apiError.body }, null, 2) };
}

function headerOf(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > MAX_BODY_BYTES
        ? reject(StripeApiError.invalidRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}
