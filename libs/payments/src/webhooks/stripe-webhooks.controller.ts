import { AllowAnonymous, noteWebhookOutcome } from '@marketplace/common';
import { Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidWebhookError, WebhookEndpoint } from './stripe-event-shape';
import { StripeWebhooksService } from './stripe-webhooks.service';

/**
 * `POST /webhooks/stripe` (the platform's events) and `POST /webhooks/stripe/connect` (connected
 * accounts' events, a Connect endpoint in Stripe's dashboard): the raw body (parsed by express.raw
 * for these paths only) is what Stripe signed, with each endpoint's own secret.
 */
@Controller('webhooks/stripe')
export class StripeWebhooksController {
  constructor(private readonly webhooks: StripeWebhooksService) {}

  @AllowAnonymous()
  @Post()
  @HttpCode(200)
  receivePlatform(@Req() req: Request, @Res() res: Response, @Headers('stripe-signature') signature?: string): Promise<void> {
    return this.receive('platform', req, res, signature);
  }

  @AllowAnonymous()
  @Post('connect')
  @HttpCode(200)
  receiveConnect(@Req() req: Request, @Res() res: Response, @Headers('stripe-signature') signature?: string): Promise<void> {
    return this.receive('connect', req, res, signature);
  }

  private async receive(endpoint: WebhookEndpoint, req: Request, res: Response, signature: string | undefined): Promise<void> {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'Expected the raw event body.' } });
      return;
    }
    try {
      const event = this.webhooks.verify(endpoint, body, signature);
      const processed = await this.webhooks.process(event);
      noteWebhookOutcome(req, { endpoint, type: event.stripeType, result: processed ? 'processed' : 'duplicate' });
      res.status(200).json({ received: true, duplicate: !processed });
    } catch (error) {
      if (!(error instanceof InvalidWebhookError)) throw error;
      noteWebhookOutcome(req, { endpoint, type: 'unknown', result: 'invalid' });
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: `Invalid webhook: ${error.message}` } });
    }
  }
}
