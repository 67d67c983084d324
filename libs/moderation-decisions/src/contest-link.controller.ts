import { Locale } from '@marketplace/accounts';
import { AllowAnonymous, BadUserInputError, createValidationPipe, DomainError, NotFoundError, STATUS_FOR_CODE } from '@marketplace/common';
import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import express, { Request, Response } from 'express';
import { CONTEST_PATH } from './contest-links';
import { ContestPageProblem, problemPage, statementPage } from './contest-page';
import { ContestTextArgs } from './dto/contest-moderation-decision.args';
import { AlreadyContestedError, ContestWindowClosedError, InvalidContestLinkError } from './moderation-decisions.errors';
import { ModerationDecisionsService } from './moderation-decisions.service';

const FORM = 'application/x-www-form-urlencoded';

/** A form's body, read only on this route: 2000 characters of any script, percent-encoded, fit well within it. */
const parseForm = express.urlencoded({ extended: false, limit: '64kb' });

/** The text of a contest, checked as contestModerationDecision checks it. */
const textPipe = createValidationPipe();
const contestTextOf = async (body: unknown): Promise<string> =>
  ((await textPipe.transform(body, { type: 'body', metatype: ContestTextArgs })) as ContestTextArgs).text;

/** What the page says of a refusal; anything else is not the page's to explain, and goes on to the error filter. */
function problemOf(error: unknown): { problem: ContestPageProblem; status: number } {
  if (!(error instanceof DomainError)) throw error;
  const status = STATUS_FOR_CODE[error.code];
  if (error instanceof InvalidContestLinkError) return { problem: 'BAD_LINK', status };
  if (error instanceof BadUserInputError) return { problem: 'BAD_TEXT', status };
  if (error instanceof AlreadyContestedError) return { problem: 'ALREADY_CONTESTED', status };
  if (error instanceof ContestWindowClosedError) return { problem: 'WINDOW_CLOSED', status };
  if (error instanceof NotFoundError) return { problem: 'NOT_FOUND', status };
  throw error;
}

/**
 * The contest link of a statement (ContestLinks): how a user who cannot sign in, once suspended,
 * contests. GET answers the contest page (contest-page.ts); POST takes its form and answers a page,
 * or, for a JSON body (`{ "text": "…" }`), answers JSON, with the REST routes' errors.
 */
@Controller(CONTEST_PATH)
export class ContestLinkController {
  constructor(private readonly decisions: ModerationDecisionsService) {}

  @AllowAnonymous()
  @Get()
  async page(@Query('token') token: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answerPage(req, res, String(token ?? ''));
  }

  @AllowAnonymous()
  @Post()
  async contest(@Query('token') token: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const link = String(token ?? '');
    if (!req.is(FORM)) {
      const decision = await this.decisions.contestByLink(link, await contestTextOf(req.body));
      res.status(200).json({ decisionId: decision.id, contested: true });
      return;
    }
    const form = await readForm(req, res);
    const text = typeof form.text === 'string' ? form.text : '';
    try {
      await this.decisions.contestByLink(link, await contestTextOf(form));
    } catch (error) {
      await this.answerPage(req, res, link, { ...problemOf(error), text });
      return;
    }
    await this.answerPage(req, res, link, { recorded: true });
  }

  /** The statement's page, as it stands now, with what became of a post; the problem's status, else 200. */
  private async answerPage(
    req: Request,
    res: Response,
    token: string,
    outcome: { problem?: ContestPageProblem; status?: number; text?: string; recorded?: boolean } = {},
  ): Promise<void> {
    let html: string;
    let status = outcome.status ?? 200;
    try {
      html = statementPage(await this.decisions.readByLink(token), token, outcome);
    } catch (error) {
      const refused = problemOf(error);
      // No statement, so no user to read the language of: the browser's.
      html = problemPage((req.acceptsLanguages(Locale.FR, Locale.EN) || Locale.FR) as Locale, refused.problem);
      status = refused.status;
    }
    // The link's token is in the URL: the page is never cached (and helmet sends no Referer).
    res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
  }
}

/** The form's fields; a body the parser refuses (too large, not UTF-8) reads as no text, which the page then asks for. */
function readForm(req: Request, res: Response): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    parseForm(req, res, (error?: unknown) => resolve(error ? {} : ((req.body as Record<string, unknown> | undefined) ?? {})));
  });
}
