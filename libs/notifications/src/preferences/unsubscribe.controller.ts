import { AllowAnonymous } from '@marketplace/common';
import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NotificationPreferencesService } from './notification-preferences.service';

/**
 * The unsubscribe link of an email (GET, from the body) and its one-click form (POST, RFC 8058,
 * from the List-Unsubscribe header: the mail client posts `List-Unsubscribe=One-Click`, the token
 * stays in the URL). Either turns the link's kind off.
 */
@Controller('email/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @AllowAnonymous()
  @Get()
  async follow(@Query('token') token: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const kind = await this.preferences.unsubscribe(String(token ?? ''));
    // Set once it worked: a refused link is answered in JSON, like every REST error.
    res.type('html').set('Cache-Control', 'no-store');
    return (
      '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Désinscription</title></head><body>' +
      `<p>C’est noté : vous ne recevrez plus ces e-mails (${kind}).</p><p lang="en">Done: you will no longer receive these emails (${kind}).</p>` +
      '</body></html>'
    );
  }

  @AllowAnonymous()
  @Post()
  @HttpCode(200)
  async oneClick(@Query('token') token: unknown): Promise<{ unsubscribed: string }> {
    return { unsubscribed: await this.preferences.unsubscribe(String(token ?? '')) };
  }
}
