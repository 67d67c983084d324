import { Locale } from '@marketplace/accounts';
import { problemPage, statementPage } from './contest-page';
import { ContestStatus, ModerationContest } from './moderation-contest.entity';
import { ModerationDecision } from './moderation-decision.entity';
import { ModerationDecisionKind } from './moderation-grounds';
import { StatementByLink } from './moderation-decisions.service';

const decision = {
  id: 'decision',
  kind: ModerationDecisionKind.SUSPENSION,
  facts: 'Wrote <script>alert(1)</script> & "more"',
  groundId: 'OFF_PLATFORM_PAYMENT',
  groundVersion: 1,
  automatedDetection: false,
  automatedDecision: false,
  createdAt: new Date('2026-08-31T22:30:00Z'),
  contestableUntil: new Date('2027-02-28T22:30:00Z'),
} as ModerationDecision;
const aStatement = (changes: Partial<StatementByLink> = {}): StatementByLink => ({
  decision,
  contest: null,
  contestable: true,
  locale: Locale.FR,
  ...changes,
});

describe('the contest page', () => {
  it('shows the decision, on Paris dates, with every text escaped, and a form posting to its own link', () => {
    const html = statementPage(aStatement(), 'a.b-c_d');
    expect(html).toContain('<dt>Décision</dt><dd>votre compte est suspendu</dd>');
    expect(html).toContain('<dd>1 septembre 2026</dd>');
    expect(html).toContain('<dd>Wrote &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</dd>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Paiement hors plateforme (conditions d&#39;utilisation, article 6.1, v1) :');
    expect(html).toContain('<form method="post" action="/moderation-decisions/contest?token=a.b-c_d">');
  });

  it('sends a refused text back in the form, with the reason, in the user’s language', () => {
    const html = statementPage(aStatement({ locale: Locale.EN }), 't', { problem: 'BAD_TEXT', text: '</textarea><b>' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<p role="alert">Your text must be 10 to 2000 characters: say why the decision is wrong.</p>');
    expect(html).toContain('>&lt;/textarea&gt;&lt;b&gt;</textarea>');
  });

  it('has no form once contested (it says where the contest stands) or once the window is over', () => {
    const open = { status: ContestStatus.OPEN, createdAt: new Date('2026-09-02T08:00:00Z') } as ModerationContest;
    const contested = statementPage(aStatement({ contest: open, contestable: false }), 't', { recorded: true });
    expect(contested).toContain('<p role="status">Votre contestation est enregistrée.</p>');
    expect(contested).toContain('Vous avez contesté cette décision le 2 septembre 2026');
    expect(contested).not.toContain('<form');
    const reversed = statementPage(aStatement({ contest: { ...open, status: ContestStatus.REVERSED }, contestable: false }), 't');
    expect(reversed).toContain('la décision est annulée');
    const late = statementPage(aStatement({ contestable: false }), 't');
    expect(late).toContain('Le délai pour contester cette décision a pris fin le 28 février 2027.');
    expect(late).not.toContain('<form');
  });

  it('says a bad link is bad, and nothing else', () => {
    expect(problemPage(Locale.EN, 'BAD_LINK')).toContain(
      '<p role="alert">This contest link is not valid: use the one in the email, whole.</p>',
    );
  });
});
