/**
 * The contest page of a statement of reasons, as the API serves it at its contest link
 * (ContestLinkController): the decision, its window, and a plain form that posts to the same link,
 * in the user's language. No script at all (the API's CSP allows none inline): a suspended user,
 * who cannot sign in, contests from here with any browser.
 */
import { Locale } from '@marketplace/accounts';
import { escapeHtml, STATEMENT_WORDS } from '@marketplace/notifications';
import { CONTEST_PATH } from './contest-links';
import { ContestStatus } from './moderation-contest.entity';
import { automationOf } from './moderation-decision-rules';
import { StatementByLink } from './moderation-decisions.service';
import { groundVersion } from './moderation-grounds';

/** What went wrong with a visit or a post, as the page tells it. */
export type ContestPageProblem = 'BAD_LINK' | 'NOT_FOUND' | 'ALREADY_CONTESTED' | 'WINDOW_CLOSED' | 'BAD_TEXT';

interface PageWords {
  title: string;
  textLabel: string;
  submit: string;
  recorded: string;
  contested: (on: string) => string;
  reviewed: Record<ContestStatus.UPHELD | ContestStatus.REVERSED, string>;
  windowClosed: (on: string) => string;
  problems: Record<ContestPageProblem, string>;
}

const WORDS: Record<Locale, PageWords> = {
  [Locale.FR]: {
    title: 'Contester une décision de modération',
    textLabel: 'Pourquoi cette décision est-elle erronée ? De 10 à 2000 caractères, pour le modérateur qui la réexaminera.',
    submit: 'Contester la décision',
    recorded: 'Votre contestation est enregistrée.',
    contested: (on) =>
      `Vous avez contesté cette décision le ${on} : un autre modérateur que celui qui l'a prise la réexamine, et sa réponse vous parviendra par e-mail.`,
    reviewed: {
      [ContestStatus.UPHELD]: 'Votre contestation a été réexaminée : la décision est maintenue.',
      [ContestStatus.REVERSED]: 'Votre contestation a été réexaminée : la décision est annulée.',
    },
    windowClosed: (on) => `Le délai pour contester cette décision a pris fin le ${on}.`,
    problems: {
      BAD_LINK: "Ce lien de contestation n'est pas valide : utilisez celui de l'e-mail, en entier.",
      NOT_FOUND: "Cette décision n'existe plus.",
      ALREADY_CONTESTED: "Vous avez déjà contesté cette décision : chaque décision ne se conteste qu'une fois.",
      WINDOW_CLOSED: 'Le délai pour contester cette décision est terminé.',
      BAD_TEXT: 'Votre texte doit faire de 10 à 2000 caractères : dites pourquoi la décision est erronée.',
    },
  },
  [Locale.EN]: {
    title: 'Contest a moderation decision',
    textLabel: 'Why is this decision wrong? 10 to 2000 characters, for the moderator who will review it.',
    submit: 'Contest the decision',
    recorded: 'Your contest is recorded.',
    contested: (on) =>
      `You contested this decision on ${on}: a moderator other than the one who took it reviews it, and you will get the answer by email.`,
    reviewed: {
      [ContestStatus.UPHELD]: 'Your contest was reviewed: the decision stands.',
      [ContestStatus.REVERSED]: 'Your contest was reviewed: the decision is reversed.',
    },
    windowClosed: (on) => `The time to contest this decision ended on ${on}.`,
    problems: {
      BAD_LINK: 'This contest link is not valid: use the one in the email, whole.',
      NOT_FOUND: 'This decision no longer exists.',
      ALREADY_CONTESTED: 'You have already contested this decision: each decision is contested once.',
      WINDOW_CLOSED: 'The time to contest this decision is over.',
      BAD_TEXT: 'Your text must be 10 to 2000 characters: say why the decision is wrong.',
    },
  },
};

const STYLE =
  'body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;padding:1rem}main{max-width:42rem;margin:auto}' +
  'dt{font-weight:bold;margin-top:.5rem}dd{margin:0}textarea{width:100%;box-sizing:border-box;font:inherit}' +
  '[role=alert]{color:#a00;font-weight:bold}[role=status]{font-weight:bold}button{font:inherit;padding:.4rem 1rem}';

function page(locale: Locale, title: string, body: string[]): string {
  return [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">`,
    // No favicon to fetch: the API serves none.
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>`,
    `<h1>${escapeHtml(title)}</h1>`,
    ...body,
    '</main></body></html>',
  ].join('\n');
}

/** Dates as the statement's user reads them, on French time (the platform's market). */
function dateIn(locale: Locale): (date: Date) => string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' });
  return (date) => format.format(date);
}

/** What was decided, when, on which facts and ground, how automated, and until when it may be contested. */
function decisionList({ decision, locale }: StatementByLink): string {
  const words = STATEMENT_WORDS[locale];
  const ground = groundVersion(decision.groundId, decision.groundVersion);
  const wording = ground[locale];
  const formatDate = dateIn(locale);
  const rows: [string, string][] = [
    [words.labels.decision, words.decided[decision.kind] ?? decision.kind],
    [words.labels.date, formatDate(decision.createdAt)],
    [words.labels.facts, decision.facts],
    [words.labels.ground, `${wording.title} (${words.labels.terms} ${ground.clause}, v${ground.version})${words.colon} ${wording.text}`],
    [words.labels.automation, words.automation[automationOf(decision)]!],
    [words.labels.contestableUntil, formatDate(decision.contestableUntil)],
  ];
  return `<dl>${rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

/** Where the contest stands, or the form to contest (with the text sent back, when it was refused). */
function contestPart(statement: StatementByLink, token: string, text: string): string {
  const { decision, contest, contestable, locale } = statement;
  const words = WORDS[locale];
  const formatDate = dateIn(locale);
  if (contest) {
    const status = contest.status === ContestStatus.OPEN ? words.contested(formatDate(contest.createdAt)) : words.reviewed[contest.status];
    return `<p>${escapeHtml(status)}</p>`;
  }
  if (!contestable) return `<p>${escapeHtml(words.windowClosed(formatDate(decision.contestableUntil)))}</p>`;
  const action = `${CONTEST_PATH}?token=${encodeURIComponent(token)}`;
  return [
    `<form method="post" action="${escapeHtml(action)}">`,
    `<p><label for="text">${escapeHtml(words.textLabel)}</label></p>`,
    `<textarea id="text" name="text" rows="8" minlength="10" maxlength="2000" required>${escapeHtml(text)}</textarea>`,
    `<p><button type="submit">${escapeHtml(words.submit)}</button></p>`,
    '</form>',
  ].join('\n');
}

/**
 * The page of a statement: `problem` says why a post was refused (the text is then sent back in
 * the form), `recorded` that a post was just taken.
 */
export function statementPage(
  statement: StatementByLink,
  token: string,
  { problem, text = '', recorded = false }: { problem?: ContestPageProblem; text?: string; recorded?: boolean } = {},
): string {
  const words = WORDS[statement.locale];
  return page(statement.locale, words.title, [
    ...(problem ? [`<p role="alert">${escapeHtml(words.problems[problem])}</p>`] : []),
    ...(recorded ? [`<p role="status">${escapeHtml(words.recorded)}</p>`] : []),
    decisionList(statement),
    contestPart(statement, token, text),
    `<p>${escapeHtml(STATEMENT_WORDS[statement.locale].redress)}</p>`,
  ]);
}

/** The page of a link that names no statement (altered, or its decision gone): the problem alone. */
export function problemPage(locale: Locale, problem: ContestPageProblem): string {
  const words = WORDS[locale];
  return page(locale, words.title, [`<p role="alert">${escapeHtml(words.problems[problem])}</p>`]);
}
