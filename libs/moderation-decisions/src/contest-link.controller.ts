import { AllowAnonymous } from '@marketplace/common';
import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ContestTextArgs } from './dto/contest-moderation-decision.args';
import { ModerationDecisionsService } from './moderation-decisions.service';

/** The contest link of a statement (ContestLinks): how a user who cannot sign in, once suspended, contests. */
@Controller('moderation-decisions/contest')
export class ContestLinkController {
  constructor(private readonly decisions: ModerationDecisionsService) {}

  @AllowAnonymous()
  @Post()
  @HttpCode(200)
  async contest(@Query('token') token: unknown, @Body() { text }: ContestTextArgs): Promise<{ decisionId: string; contested: true }> {
    const decision = await this.decisions.contestByLink(String(token ?? ''), text);
    return { decisionId: decision.id, contested: true };
  }
}
