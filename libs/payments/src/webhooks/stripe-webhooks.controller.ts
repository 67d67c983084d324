import { AllowAnonymous } from '@marketplace/common';
import { Controller, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidWebhookError } from './stripe-event-shape';
import { StripeWebhooksService } from './stripe-webhooks.service';

/** `POST /webhooks/stripe`: the raw body (parsed by express.raw for this path only) is what Stripe signed. */
@Controller('webhooks')
export class StripeWebhooksController {
  constructor(private readonly webhooks: StripeWebhooksService) {}

  @AllowAnonymous()
  @Post('stripe')
  @HttpCode(200)
  async receive(@Req() req: Request, @Res() res: Response, @Headers('stripe-signature') signature?: string): Promise<void> {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) {
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'Expected the raw event body.' } });
      return;
    }
    try {
      const event = this.webhooks.verify(body, signature);
      const processed = await this.webhooks.process(event);
      res.status(200).json({ received: true, duplicate: !processed });
    } catch (error) {
      if (!(error instanceof InvalidWebhookError)) throw error;
      res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: `Invalid webhook: ${error.message}` } });
    }
  }
}
