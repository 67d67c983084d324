/** What every page shares: the API client, the session, the drafts, the language; and the hooks pages use them through. */
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Drafts } from './drafts';
import { DeskError, type GraphQLClient } from './graphql-client';
import { errorKey, type Language, type MessageKey, type Translate } from './i18n';
import type { SignedIn } from './session';

export interface Desk {
  client: GraphQLClient;
  drafts: Drafts;
  user: SignedIn['user'];
  language: Language;
  t: Translate;
}

export const DeskContext = createContext<Desk | null>(null);

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside the desk');
  return desk;
}

export interface Loaded<T> {
  data: T | null;
  error: DeskError | null;
  reload: () => void;
}

/** A query, run again when its variables change or on reload(). */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}): Loaded<T> {
  const { client } = useDesk();
  const [state, setState] = useState<{ data: T | null; error: DeskError | null }>({ data: null, error: null });
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let current = true;
    client.request<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => current && setState({ data, error: null }),
      (error: unknown) => current && setState({ data: null, error: asDeskError(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, query, key, round]);
  return { ...state, reload: useCallback(() => setRound((n) => n + 1), []) };
}

/** A mutation: run() resolves to its data, or to null after setting `error`. */
export function useMutation<T>(query: string): {
  run: (variables: Record<string, unknown>) => Promise<T | null>;
  error: DeskError | null;
  busy: boolean;
  clear: () => void;
} {
  const { client } = useDesk();
  const [error, setError] = useState<DeskError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (variables: Record<string, unknown>) => {
      setBusy(true);
      setError(null);
      try {
        return await client.request<T>(query, variables);
      } catch (caught) {
        setError(asDeskError(caught));
        return null;
      } finally {
        setBusy(false);
      }
    },
    [client, query],
  );
  return { run, error, busy, clear: useCallback(() => setError(null), []) };
}

/** A draft reason kept in memory under `key` (see drafts.ts). */
export function useDraft(key: string): [string, (text: string) => void] {
  const { drafts } = useDesk();
  const text = useSyncExternalStore(
    (listener) => drafts.subscribe(listener),
    () => drafts.get(key),
  );
  return [text, useCallback((value: string) => drafts.set(key, value), [drafts, key])];
}

export function asDeskError(error: unknown): DeskError {
  return error instanceof DeskError ? error : new DeskError('SERVER', error instanceof Error ? error.message : String(error));
}

/** What the moderator's last action did, told to screen readers too; nothing before one. */
export function Notice({ message }: { message: MessageKey | null }) {
  const { t } = useDesk();
  if (!message) return null;
  return (
    <p role="status" className="notice">
      {t(message)}
    </p>
  );
}

export function ErrorMessage({ error }: { error: DeskError | null }) {
  return <ErrorText error={error} t={useDesk().t} />;
}

/** An error as the moderator reads it: what kind (in their language), then the API's own words. */
export function ErrorText({ error, t }: { error: DeskError | null; t: Translate }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {t(errorKey(error.kind))} : {error.message}
    </p>
  );
}

export function formatMoney(cents: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency }).format(cents / 100);
}

export function formatTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
