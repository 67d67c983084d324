/** The moderation log, newest first, filtered by moderator, action and target. */
import { useState, type FormEvent } from 'react';
import { ErrorMessage, formatTime, useDesk, useQuery } from '../desk';

interface Action {
  id: string;
  action: string;
  reason: string | null;
  targetId: string;
  createdAt: string;
  moderator: { id: string; displayName: string };
}

const LOG = `query DeskLog($moderatorId: ID, $action: String, $targetId: ID) {
  moderationLog(first: 100, moderatorId: $moderatorId, action: $action, targetId: $targetId) {
    edges { node { id action reason targetId createdAt moderator { id displayName } } }
  }
}`;

const VERBS = [
  'APPROVE_IDENTITY',
  'REJECT_IDENTITY',
  'CLAIM_IDENTITY',
  'SUSPEND_USER',
  'DISMISS_REPORT',
  'HIDE_MISSION',
  'HIDE_RATING',
  'HIDE_MESSAGE',
  'RESOLVE_DISPUTE',
  'RETRY_PAYOUT',
  'GRANT_ROLE',
  'READ_CONVERSATION',
];

interface Filter {
  moderatorId: string | null;
  action: string | null;
  targetId: string | null;
}

export function LogPage() {
  const { t, language } = useDesk();
  const [filter, setFilter] = useState<Filter>({ moderatorId: null, action: null, targetId: null });
  const [moderators, setModerators] = useState<Map<string, string>>(new Map());
  const log = useQuery<{ moderationLog: { edges: { node: Action }[] } }>(LOG, { ...filter });
  const entries = log.data?.moderationLog.edges.map((edge) => edge.node) ?? [];
  // The moderator filter offers everyone seen in the log so far.
  const unseen = entries.filter((entry) => !moderators.has(entry.moderator.id));
  if (unseen.length > 0)
    setModerators(new Map([...moderators, ...unseen.map((entry) => [entry.moderator.id, entry.moderator.displayName] as const)]));
  const [moderatorId, setModeratorId] = useState('');
  const [action, setAction] = useState('');
  const [targetId, setTargetId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ moderatorId: moderatorId || null, action: action || null, targetId: targetId.trim() || null });
  };
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">{t('log.title')}</h2>
      <form className="filters" onSubmit={submit}>
        <label htmlFor="log-moderator">{t('log.moderator')}</label>
        <select id="log-moderator" value={moderatorId} onChange={(event) => setModeratorId(event.target.value)}>
          <option value="">{t('log.all')}</option>
          {[...moderators].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor="log-action">{t('log.action')}</label>
        <select id="log-action" value={action} onChange={(event) => setAction(event.target.value)}>
          <option value="">{t('log.all')}</option>
          {VERBS.map((verb) => (
            <option key={verb} value={verb}>
              {verb}
            </option>
          ))}
        </select>
        <label htmlFor="log-target">{t('log.target')}</label>
        <input id="log-target" value={targetId} onChange={(event) => setTargetId(event.target.value)} />
        <button type="submit">{t('log.filter')}</button>
      </form>
      <ErrorMessage error={log.error} />
      <table className="log">
        <thead>
          <tr>
            <th scope="col">{t('log.when')}</th>
            <th scope="col">{t('log.moderator')}</th>
            <th scope="col">{t('log.action')}</th>
            <th scope="col">{t('log.target')}</th>
            <th scope="col">{t('common.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatTime(entry.createdAt, language)}</td>
              <td>{entry.moderator.displayName}</td>
              <td className="verb">{entry.action}</td>
              <td className="target">{entry.targetId}</td>
              <td>{entry.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
