/** The identity queue, oldest first: claim a case, see its documents beside the legal name and date of birth, approve or reject it. */
import { useEffect, useRef, useState } from 'react';
import { ErrorMessage, Notice, formatTime, useDesk, useDraft, useMutation, useQuery } from '../desk';
import { DocumentView, type IdentityDocument } from '../document-view';
import type { MessageKey } from '../i18n';
import { ReasonField } from '../reason-field';

interface Case {
  id: string;
  legalName: string;
  dateOfBirth: string;
  documentType: string;
  submittedAt: string;
  assignedTo: { id: string; displayName: string } | null;
  user: { id: string; displayName: string };
  documents: IdentityDocument[];
}

const QUEUE = `query DeskIdentityQueue { identityVerificationQueue(first: 50) { edges { node {
  id legalName dateOfBirth documentType submittedAt assignedTo { id displayName } user { id displayName } documents { id mimeType downloadPath }
} } } }`;
const CLAIM = 'mutation DeskClaim($id: ID!) { claimIdentityVerification(id: $id) { id } }';
const APPROVE = 'mutation DeskApprove($id: ID!) { approveIdentityVerification(id: $id) { id status } }';
const REJECT = 'mutation DeskReject($id: ID!, $reason: String!) { rejectIdentityVerification(id: $id, reason: $reason) { id status } }';

const REJECTION_REASONS: MessageKey[] = [
  'identity.reason.unreadable',
  'identity.reason.expired',
  'identity.reason.nameMismatch',
  'identity.reason.birthMismatch',
  'identity.reason.notIdentity',
];

/** Typing in a field is not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function IdentityPage() {
  const { t, user, language } = useDesk();
  const queue = useQuery<{ identityVerificationQueue: { edges: { node: Case }[] } }>(QUEUE);
  const cases = queue.data?.identityVerificationQueue.edges.map((edge) => edge.node) ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);
  const selected =
    cases.find((candidate) => candidate.id === selectedId) ??
    cases.find((candidate) => !candidate.assignedTo || candidate.assignedTo.id === user.id) ??
    cases[0];
  const next = () => {
    const index = selected ? cases.indexOf(selected) : -1;
    setDone(null);
    setSelectedId(cases[(index + 1) % Math.max(cases.length, 1)]?.id ?? null);
  };
  const decided = (message: MessageKey) => {
    setDone(message);
    setSelectedId(null);
    queue.reload();
  };
  return (
    <div className="identity">
      <section className="queue" aria-labelledby="queue-title">
        <h2 id="queue-title">{t('identity.queue')}</h2>
        <button type="button" onClick={queue.reload}>
          {t('common.reload')}
        </button>
        <ErrorMessage error={queue.error} />
        {queue.data && cases.length === 0 && <p>{t('common.empty')}</p>}
        <ol>
          {cases.map((candidate) => (
            <li key={candidate.id}>
              <button type="button" aria-current={candidate === selected ? 'true' : undefined} onClick={() => setSelectedId(candidate.id)}>
                {candidate.legalName} · {formatTime(candidate.submittedAt, language)}
                {candidate.assignedTo && (
                  <span className="taken">
                    {' '}
                    · {t('identity.takenBy')} {candidate.assignedTo.displayName}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ol>
      </section>
      <Notice message={done} />
      {selected && <CaseView key={selected.id} item={selected} onDecided={decided} onNext={next} onTaken={queue.reload} />}
    </div>
  );
}

function CaseView({
  item,
  onDecided,
  onNext,
  onTaken,
}: {
  item: Case;
  onDecided: (message: MessageKey) => void;
  onNext: () => void;
  onTaken: () => void;
}) {
  const { t, user, language, drafts } = useDesk();
  const claim = useMutation<unknown>(CLAIM);
  const approve = useMutation<unknown>(APPROVE);
  const reject = useMutation<unknown>(REJECT);
  const draftKey = `identity-reject:${item.id}`;
  const [reason] = useDraft(draftKey);
  const [claimedNow, setClaimedNow] = useState(false);
  const mine = claimedNow || item.assignedTo?.id === user.id;
  const takenByOther = (!!item.assignedTo && item.assignedTo.id !== user.id) || claim.error?.kind === 'CONFLICT';
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const doClaim = async () => {
    if (await claim.run({ id: item.id })) setClaimedNow(true);
    else onTaken();
  };
  const doApprove = async () => {
    if (await approve.run({ id: item.id })) onDecided('identity.approved');
  };
  const doReject = async () => {
    if (!reason.trim()) {
      reasonRef.current?.focus();
      return;
    }
    if (await reject.run({ id: item.id, reason: reason.trim() })) {
      drafts.discard(draftKey);
      onDecided('identity.rejected');
    }
  };
  const shortcuts = useRef({ doApprove, onNext, mine });
  shortcuts.current = { doApprove, onNext, mine };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const { doApprove, onNext, mine } = shortcuts.current;
      const key = event.key.toLowerCase();
      if (key === 'n') onNext();
      else if (key === 'a' && mine) void doApprove();
      else if (key === 'r' && mine) {
        event.preventDefault();
        reasonRef.current?.focus();
      } else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <article className="case" aria-labelledby={`case-${item.id}`}>
      <h2 id={`case-${item.id}`} tabIndex={-1} ref={headingRef}>
        {item.legalName}
      </h2>
      <div className="case-body">
        <div className="documents">
          {item.documents.map((document, index) => (
            <DocumentView key={document.id} document={document} label={`${t('identity.document')} ${index + 1} — ${item.legalName}`} />
          ))}
        </div>
        <div className="facts">
          <dl>
            <dt>{t('identity.legalName')}</dt>
            <dd className="legal-name">{item.legalName}</dd>
            <dt>{t('identity.dateOfBirth')}</dt>
            <dd className="date-of-birth">{item.dateOfBirth}</dd>
            <dt>{t('identity.documentType')}</dt>
            <dd>{item.documentType}</dd>
            <dt>{t('identity.submittedAt')}</dt>
            <dd>{formatTime(item.submittedAt, language)}</dd>
          </dl>
          {takenByOther ? (
            <p role="alert" className="error taken-notice">
              {t('identity.taken')}
            </p>
          ) : mine ? (
            <>
              <p className="notice">{t('identity.claimedByMe')}</p>
              <button type="button" className="approve" onClick={doApprove} disabled={approve.busy}>
                {t('identity.approve')}
              </button>
              <ReasonField ref={reasonRef} draftKey={draftKey} choices={REJECTION_REASONS} />
              <button type="button" className="reject" onClick={doReject} disabled={reject.busy}>
                {t('identity.reject')}
              </button>
            </>
          ) : (
            <button type="button" className="claim" onClick={doClaim} disabled={claim.busy}>
              {t('identity.claim')}
            </button>
          )}
          <ErrorMessage error={claim.error?.kind === 'CONFLICT' ? null : claim.error} />
          <ErrorMessage error={approve.error ?? reject.error} />
          <button type="button" onClick={onNext}>
            {t('identity.next')}
          </button>
        </div>
      </div>
    </article>
  );
}
