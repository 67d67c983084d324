/** Money: failed payouts to retry, open chargebacks, and the ledger check of a mission. */
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Notice, formatMoney, formatTime, useDesk, useMutation, useQuery } from '../desk';

interface Payout {
  id: string;
  amountCents: number;
  currency: string;
  attempts: number;
  failureReason: string | null;
  lastAttemptAt: string | null;
  mission: { id: string; title: string };
  provider: { displayName: string };
}

interface Chargeback {
  id: string;
  amountCents: number;
  currency: string;
  reason: string;
  openedAt: string;
  afterPayout: boolean | null;
  mission: { id: string; title: string };
}

const MONEY = `query DeskMoney {
  failedPayouts(first: 50) { edges { node { id amountCents currency attempts failureReason lastAttemptAt mission { id title } provider { displayName } } } }
  chargebacks(status: OPEN, first: 50) { edges { node { id amountCents currency reason openedAt afterPayout mission { id title } } } }
}`;
const RETRY = 'mutation DeskRetryPayout($id: ID!) { retryPayout(id: $id) { id status } }';
const LEDGER = 'query DeskLedgerCheck($missionId: ID!) { missionLedgerCheck(missionId: $missionId) }';

export function MoneyPage() {
  const { t, language } = useDesk();
  const money = useQuery<{ failedPayouts: { edges: { node: Payout }[] }; chargebacks: { edges: { node: Chargeback }[] } }>(MONEY);
  const retry = useMutation<unknown>(RETRY);
  const [retried, setRetried] = useState(false);
  const [missionId, setMissionId] = useState('');
  const payouts = money.data?.failedPayouts.edges.map((edge) => edge.node) ?? [];
  const chargebacks = money.data?.chargebacks.edges.map((edge) => edge.node) ?? [];
  return (
    <div className="money">
      <ErrorMessage error={money.error} />
      <section aria-labelledby="payouts-title">
        <h2 id="payouts-title">{t('money.failedPayouts')}</h2>
        <Notice message={retried ? 'money.retried' : null} />
        <ErrorMessage error={retry.error} />
        {money.data && payouts.length === 0 && <p>{t('common.empty')}</p>}
        <ul>
          {payouts.map((payout) => (
            <li key={payout.id}>
              {payout.mission.title} — {payout.provider.displayName} · {formatMoney(payout.amountCents, payout.currency, language)} ·{' '}
              {payout.attempts} {t('money.attempts')} · {payout.failureReason ?? ''} · {formatTime(payout.lastAttemptAt, language)}{' '}
              <button
                type="button"
                disabled={retry.busy}
                onClick={async () => {
                  if (await retry.run({ id: payout.id })) {
                    setRetried(true);
                    money.reload();
                  }
                }}
              >
                {t('money.retry')}
              </button>{' '}
              <button type="button" onClick={() => setMissionId(payout.mission.id)}>
                {t('money.check')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="chargebacks-title">
        <h2 id="chargebacks-title">{t('money.chargebacks')}</h2>
        {money.data && chargebacks.length === 0 && <p>{t('common.empty')}</p>}
        <ul>
          {chargebacks.map((chargeback) => (
            <li key={chargeback.id}>
              {chargeback.mission.title} · {formatMoney(chargeback.amountCents, chargeback.currency, language)} · {chargeback.reason} ·{' '}
              {formatTime(chargeback.openedAt, language)}{' '}
              <button type="button" onClick={() => setMissionId(chargeback.mission.id)}>
                {t('money.check')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <LedgerCheck key={missionId} missionId={missionId} onCheck={setMissionId} />
    </div>
  );
}

/** Keyed by the mission checked: a check asked from a list fills the field anew. */
function LedgerCheck({ missionId, onCheck }: { missionId: string; onCheck: (id: string) => void }) {
  const { t } = useDesk();
  const [typed, setTyped] = useState(missionId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCheck(typed.trim());
  };
  return (
    <section aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t('money.ledger')}</h2>
      <form onSubmit={submit}>
        <label htmlFor="ledger-mission">{t('money.missionId')}</label>
        <input id="ledger-mission" value={typed} onChange={(event) => setTyped(event.target.value)} />
        <button type="submit">{t('money.check')}</button>
      </form>
      {missionId && <LedgerProblems missionId={missionId} />}
    </section>
  );
}

function LedgerProblems({ missionId }: { missionId: string }) {
  const { t } = useDesk();
  const check = useQuery<{ missionLedgerCheck: string[] }>(LEDGER, { missionId });
  if (check.error) return <ErrorMessage error={check.error} />;
  if (!check.data) return <p>{t('common.loading')}</p>;
  const problems = check.data.missionLedgerCheck;
  return problems.length === 0 ? (
    <p role="status" className="notice ledger-result">
      {t('money.balanced')}
    </p>
  ) : (
    <ul role="alert" className="error ledger-result">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}
