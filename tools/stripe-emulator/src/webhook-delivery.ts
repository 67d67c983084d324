/**
 * Sends events to one of the app's webhook endpoints as Stripe does: a JSON POST signed with the endpoint's
 * secret (`Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">`, the scheme
 * `stripe.webhooks.constructEvent` verifies), after the API call that caused the event has been
 * answered, one event at a time in the order they happened. A non-2xx answer or a network error is
 * retried a few times with a growing pause, then the event is given up (it can be redelivered by hand).
 * Signatures carry the wall-clock time, not the emulator's clock, since receivers check them against theirs.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { EventObject } from './stripe-object-types';

const RETRY_DELAYS_MS = [50, 200, 1000];
const ATTEMPT_TIMEOUT_MS = 10_000;

export class WebhookDelivery {
  private readonly queue: EventObject[] = [];
  private sending = false;
  private stopped = false;
  /** Its own connections, so that stopping can close them all. */
  private readonly agent = new Agent({ keepAlive: false });
  private pause: { timer: NodeJS.Timeout; resume: () => void } | null = null;

  private url: string | null = null;

  constructor(private readonly secret: string) {}

  setUrl(url: string | null): void {
    this.url = url;
  }

  /** Queues the event, unless there is nowhere to send it. */
  enqueue(event: EventObject): void {
    if (!this.url || this.stopped) return;
    event.pending_webhooks = 1;
    this.queue.push(event);
    if (!this.sending) {
      this.sending = true;
      setImmediate(() => void this.sendQueued());
    }
  }

  /** One attempt, outside the queue; answers the status the endpoint returned. */
  async deliver(event: EventObject): Promise<number> {
    if (!this.url) throw new Error('No webhook URL is set: call setWebhookUrls first.');
    const status = await this.post(this.url, event);
    if (isSuccess(status)) event.pending_webhooks = 0;
    return status;
  }

  signatureHeader(payload: string, timestamp = Math.floor(Date.now() / 1000)): string {
    const signature = createHmac('sha256', this.secret).update(`${timestamp}.${payload}`).digest('hex');
    return `t=${timestamp},v1=${signature}`;
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    if (this.pause) {
      clearTimeout(this.pause.timer);
      this.pause.resume();
    }
    this.agent.destroy();
  }

  private async sendQueued(): Promise<void> {
    for (let event = this.queue.shift(); event && !this.stopped; event = this.queue.shift()) {
      await this.sendWithRetries(event);
    }
    this.sending = false;
  }

  private async sendWithRetries(event: EventObject): Promise<void> {
    for (const delay of [0, ...RETRY_DELAYS_MS]) {
      if (delay > 0) await this.wait(delay);
      if (this.stopped || !this.url) return;
      const status = await this.post(this.url, event).catch(() => 0);
      if (isSuccess(status)) {
        event.pending_webhooks = 0;
        return;
      }
    }
  }

  private post(url: string, event: EventObject): Promise<number> {
    const payload = JSON.stringify(event, null, 2);
    return new Promise((resolve, reject) => {
      const outgoing = request(url, {
        method: 'POST',
        agent: this.agent,
        timeout: ATTEMPT_TIMEOUT_MS,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(payload),
          'Stripe-Signature': this.signatureHeader(payload),
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
      });
      outgoing.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`The webhook endpoint did not answer within ${ATTEMPT_TIMEOUT_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.on('close', () => reject(new Error('The webhook endpoint closed the connection without an answer')));
      outgoing.end(payload);
    });
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resume) => {
      this.pause = {
        timer: setTimeout(() => {
          this.pause = null;
          resume();
        }, ms),
        resume,
      };
    });
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
