/** Disputes, oldest first: the mission, what the client says, the delivery, the payment and the conversation; settle by paying, refunding or a split. */
import { useState } from 'react';
import { ErrorMessage, Notice, formatMoney, formatTime, useDesk, useDraft, useMutation, useQuery } from '../desk';

interface Dispute {
  disputedAt: string;
  disputeReason: string;
  deliveredAt: string | null;
  mission: { id: string; title: string; description: string; status: string; client: { displayName: string } };
  provider: { displayName: string };
  payment: { amountCents: number; refundedCents: number; platformFeeCents: number; currency: string; status: string } | null;
  conversation: {
    messages: { edges: { node: { id: string; text: string | null; createdAt: string; author: { displayName: string } } }[] };
  } | null;
}

const DISPUTES = `query DeskDisputes { disputes(first: 20) { edges { node {
  disputedAt disputeReason deliveredAt
  mission { id title description status client { displayName } }
  provider { displayName }
  payment { amountCents refundedCents platformFeeCents currency status }
  conversation { messages(first: 50) { edges { node { id text createdAt author { displayName } } } } }
} } } }`;
const RESOLVE = `mutation DeskResolveDispute($missionId: ID!, $resolution: DisputeResolution!, $note: String!, $refundCents: Int) {
  resolveDispute(missionId: $missionId, resolution: $resolution, note: $note, refundCents: $refundCents) { id status } }`;

const RESOLUTIONS = ['PAY_PROVIDER', 'REFUND_CLIENT', 'SPLIT'] as const;
type Resolution = (typeof RESOLUTIONS)[number];

export function DisputesPage() {
  const { t } = useDesk();
  const disputes = useQuery<{ disputes: { edges: { node: Dispute }[] } }>(DISPUTES);
  const [settled, setSettled] = useState(false);
  const list = disputes.data?.disputes.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="disputes-title">
      <h2 id="disputes-title">{t('disputes.title')}</h2>
      <button type="button" onClick={disputes.reload}>
        {t('common.reload')}
      </button>
      <Notice message={settled ? 'disputes.settled' : null} />
      <ErrorMessage error={disputes.error} />
      {disputes.data && list.length === 0 && <p>{t('common.empty')}</p>}
      {list.map((dispute) => (
        <DisputeCard
          key={dispute.mission.id}
          dispute={dispute}
          onSettled={() => {
            setSettled(true);
            disputes.reload();
          }}
        />
      ))}
    </section>
  );
}

function DisputeCard({ dispute, onSettled }: { dispute: Dispute; onSettled: () => void }) {
  const { t, language, drafts } = useDesk();
  const { mission, payment } = dispute;
  const draftKey = `dispute:${mission.id}`;
  const [note, setNote] = useDraft(draftKey);
  const [resolution, setResolution] = useState<Resolution>('PAY_PROVIDER');
  const [refundEuros, setRefundEuros] = useState('');
  const resolve = useMutation<unknown>(RESOLVE);
  const money = (cents: number) => formatMoney(cents, payment?.currency ?? 'EUR', language);
  const settle = async () => {
    const refundCents = resolution === 'SPLIT' ? Math.round(Number(refundEuros.replace(',', '.')) * 100) : null;
    if (await resolve.run({ missionId: mission.id, resolution, note: note.trim(), refundCents })) {
      drafts.discard(draftKey);
      onSettled();
    }
  };
  const messages = [...(dispute.conversation?.messages.edges ?? [])].reverse();
  return (
    <article className="dispute" aria-labelledby={`dispute-${mission.id}`}>
      <h3 id={`dispute-${mission.id}`}>{mission.title}</h3>
      <div className="case-body">
        <div>
          <p>{mission.description}</p>
          <dl>
            <dt>{t('disputes.client')}</dt>
            <dd>{mission.client.displayName}</dd>
            <dt>{t('disputes.provider')}</dt>
            <dd>{dispute.provider.displayName}</dd>
            <dt>{t('disputes.deliveredAt')}</dt>
            <dd>{formatTime(dispute.deliveredAt, language)}</dd>
            <dt>{t('disputes.disputedAt')}</dt>
            <dd>{formatTime(dispute.disputedAt, language)}</dd>
            <dt>{t('disputes.clientSays')}</dt>
            <dd className="dispute-reason">{dispute.disputeReason}</dd>
            <dt>{t('disputes.payment')}</dt>
            <dd className="payment">
              {payment
                ? `${money(payment.amountCents)} (${payment.status}) · ${t('disputes.fee')} ${money(payment.platformFeeCents)} · ${t('disputes.refunded')} ${money(payment.refundedCents)}`
                : '—'}
            </dd>
          </dl>
          <h4>{t('disputes.conversation')}</h4>
          {messages.length === 0 ? (
            <p className="muted">{t('disputes.noConversation')}</p>
          ) : (
            <ol className="conversation">
              {messages.map(({ node }) => (
                <li key={node.id}>
                  <strong>{node.author.displayName}</strong> <span className="muted">{formatTime(node.createdAt, language)}</span>{' '}
                  {node.text ?? '—'}
                </li>
              ))}
            </ol>
          )}
        </div>
        <fieldset className="settle">
          <legend>{t('disputes.settle')}</legend>
          {RESOLUTIONS.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name={`resolution-${mission.id}`}
                value={option}
                checked={resolution === option}
                onChange={() => setResolution(option)}
              />
              {t(`disputes.${option}`)}
            </label>
          ))}
          {resolution === 'SPLIT' && (
            <>
              <label htmlFor={`refund-${mission.id}`}>{t('disputes.refundEuros')}</label>
              <input
                id={`refund-${mission.id}`}
                inputMode="decimal"
                value={refundEuros}
                onChange={(event) => setRefundEuros(event.target.value)}
              />
            </>
          )}
          <label htmlFor={`note-${mission.id}`}>{t('disputes.note')}</label>
          <textarea id={`note-${mission.id}`} rows={3} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} />
          <button type="button" className="settle-button" disabled={!note.trim() || resolve.busy} onClick={settle}>
            {t('disputes.settle')}
          </button>
          <ErrorMessage error={resolve.error} />
        </fieldset>
      </div>
    </article>
  );
}
