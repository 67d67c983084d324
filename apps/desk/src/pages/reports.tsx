/** Open reports, oldest first, each with what it is about in context: dismiss it, or hide the content or suspend its author with a reason. */
import { useState } from 'react';
import { ErrorMessage, Notice, formatTime, useDesk, useDraft, useMutation, useQuery } from '../desk';
import type { MessageKey } from '../i18n';
import { ReasonField } from '../reason-field';

type Target = 'MESSAGE' | 'RATING' | 'MISSION' | 'USER';

interface Report {
  id: string;
  reason: string;
  target: Target;
  targetId: string;
  createdAt: string;
  reporter: { displayName: string };
}

interface Person {
  id: string;
  displayName: string;
}

interface Context {
  message?: {
    text: string | null;
    hidden: boolean;
    author: Person;
    conversation: { mission: { title: string }; messages: { edges: { node: { id: string; text: string | null; author: Person } }[] } };
  };
  rating?: { score: number; comment: string | null; author: Person; subject: Person; mission: { title: string } };
  mission?: { title: string; description: string; status: string; client: Person };
  user?: Person & { email: string | null; isSuspended: boolean; createdAt: string };
}

const REPORTS = `query DeskReports { reports(first: 50) { edges { node { id reason target targetId createdAt reporter { displayName } } } } }`;

const PERSON = 'id displayName';
const CONTEXT: Record<Target, string> = {
  MESSAGE: `query DeskReportedMessage($id: ID!) { node(id: $id) { ... on Message { text hidden author { ${PERSON} }
    conversation { mission { title } messages(first: 10) { edges { node { id text author { ${PERSON} } } } } } } } }`,
  RATING: `query DeskReportedRating($id: ID!) { node(id: $id) { ... on Rating { score comment author { ${PERSON} } subject { ${PERSON} } mission { title } } } }`,
  MISSION: `query DeskReportedMission($id: ID!) { mission(id: $id) { title description status client { ${PERSON} } } }`,
  USER: `query DeskReportedUser($id: ID!) { user(id: $id) { ${PERSON} email isSuspended createdAt } }`,
};

const HIDE: Partial<Record<Target, string>> = {
  MESSAGE: 'mutation DeskHideMessage($id: ID!, $reason: String!) { hideMessage(id: $id, reason: $reason) { id } }',
  RATING: 'mutation DeskHideRating($id: ID!, $reason: String!) { hideRating(id: $id, reason: $reason) { id } }',
  MISSION: 'mutation DeskHideMission($id: ID!, $reason: String!) { hideMission(id: $id, reason: $reason) { id } }',
};
const SUSPEND = 'mutation DeskSuspend($id: ID!, $reason: String!) { suspendUser(id: $id, reason: $reason) { id isSuspended } }';
const DISMISS = 'mutation DeskDismiss($id: ID!) { dismissReport(id: $id) { id status } }';

const REASONS: MessageKey[] = ['reports.reason.abuse', 'reports.reason.contact', 'reports.reason.fraud', 'reports.reason.spam'];

export function ReportsPage() {
  const { t } = useDesk();
  const reports = useQuery<{ reports: { edges: { node: Report }[] } }>(REPORTS);
  const [done, setDone] = useState(false);
  const list = reports.data?.reports.edges.map((edge) => edge.node) ?? [];
  const decided = () => {
    setDone(true);
    reports.reload();
  };
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">{t('reports.title')}</h2>
      <button type="button" onClick={reports.reload}>
        {t('common.reload')}
      </button>
      <Notice message={done ? 'common.done' : null} />
      <ErrorMessage error={reports.error} />
      {reports.data && list.length === 0 && <p>{t('common.empty')}</p>}
      {list.map((report) => (
        <ReportCard key={report.id} report={report} onDecided={decided} />
      ))}
    </section>
  );
}

/** Who would be suspended for this report: the user reported, or the author of what was reported. */
function authorOf(report: Report, context: Context): Person | null {
  if (report.target === 'USER') return context.user ?? null;
  return context.message?.author ?? context.rating?.author ?? context.mission?.client ?? null;
}

function ReportCard({ report, onDecided }: { report: Report; onDecided: () => void }) {
  const { t, language, drafts } = useDesk();
  const loaded = useQuery<{ node?: Context['message'] | Context['rating']; mission?: Context['mission']; user?: Context['user'] }>(
    CONTEXT[report.target],
    {
      id: report.targetId,
    },
  );
  const context: Context = loaded.data
    ? {
        message: report.target === 'MESSAGE' ? (loaded.data.node as Context['message']) : undefined,
        rating: report.target === 'RATING' ? (loaded.data.node as Context['rating']) : undefined,
        mission: loaded.data.mission ?? undefined,
        user: loaded.data.user ?? undefined,
      }
    : {};
  const draftKey = `report:${report.id}`;
  const [reason] = useDraft(draftKey);
  const hide = useMutation<unknown>(HIDE[report.target] ?? DISMISS);
  const suspend = useMutation<unknown>(SUSPEND);
  const dismiss = useMutation<unknown>(DISMISS);
  const author = authorOf(report, context);
  const act = async (action: typeof hide, id: string) => {
    if (!reason.trim()) return;
    if (await action.run({ id, reason: reason.trim() })) {
      drafts.discard(draftKey);
      onDecided();
    }
  };
  return (
    <article className="report" aria-labelledby={`report-${report.id}`}>
      <h3 id={`report-${report.id}`}>
        {t(`reports.target.${report.target}`)} · {formatTime(report.createdAt, language)}
      </h3>
      <p>
        {t('reports.reporter')} {report.reporter.displayName} : « {report.reason} »
      </p>
      <div className="context" aria-label={t('reports.context')}>
        <ErrorMessage error={loaded.error} />
        {context.message && (
          <>
            <p className="muted">{context.message.conversation.mission.title}</p>
            <ol className="conversation">
              {[...context.message.conversation.messages.edges].reverse().map(({ node }) => (
                <li key={node.id} className={node.text === context.message?.text ? 'reported' : undefined}>
                  <strong>{node.author.displayName}</strong> {node.text ?? '—'}
                </li>
              ))}
            </ol>
          </>
        )}
        {context.rating && (
          <p>
            {context.rating.mission.title} — {context.rating.author.displayName} → {context.rating.subject.displayName} :{' '}
            {context.rating.score}/5 « {context.rating.comment ?? ''} »
          </p>
        )}
        {context.mission && (
          <p>
            <strong>{context.mission.title}</strong> ({context.mission.status}) — {context.mission.client.displayName} :{' '}
            {context.mission.description}
          </p>
        )}
        {context.user && (
          <p>
            <strong>{context.user.displayName}</strong> {context.user.email} · {formatTime(context.user.createdAt, language)}
          </p>
        )}
      </div>
      <ReasonField draftKey={draftKey} choices={REASONS} />
      <div className="actions">
        {HIDE[report.target] && (
          <button type="button" className="hide" disabled={!reason.trim() || hide.busy} onClick={() => act(hide, report.targetId)}>
            {t('reports.hide')}
          </button>
        )}
        {author && (
          <button type="button" className="suspend" disabled={!reason.trim() || suspend.busy} onClick={() => act(suspend, author.id)}>
            {report.target === 'USER' ? t('reports.suspend') : t('reports.suspendAuthor')}
          </button>
        )}
        <button
          type="button"
          className="dismiss"
          disabled={dismiss.busy}
          onClick={async () => (await dismiss.run({ id: report.id })) && onDecided()}
        >
          {t('reports.dismiss')}
        </button>
      </div>
      <ErrorMessage error={hide.error ?? suspend.error ?? dismiss.error} />
    </article>
  );
}
