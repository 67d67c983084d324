/** The desk: sign-in, then one page at a time (Alt+1…5), in French or English. */
import { useEffect, useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import { DeskContext, ErrorText, asDeskError, type Desk } from './desk';
import type { Drafts } from './drafts';
import { DeskError, type GraphQLClient } from './graphql-client';
import { languageOf, translator, type Language, type MessageKey, type Translate } from './i18n';
import { DisputesPage } from './pages/disputes';
import { IdentityPage } from './pages/identity';
import { LogPage } from './pages/log';
import { MoneyPage } from './pages/money';
import { ReportsPage } from './pages/reports';
import { mayModerate, type Session, type SignedIn } from './session';

export const AUTH_FIELDS = 'accessToken refreshToken expiresAt user { id displayName roles }';
const LOGIN = `mutation DeskLogin($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
const LOGOUT = 'mutation DeskLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }';

const PAGES: { key: string; label: MessageKey; Page: () => JSX.Element }[] = [
  { key: 'identity', label: 'nav.identity', Page: IdentityPage },
  { key: 'reports', label: 'nav.reports', Page: ReportsPage },
  { key: 'disputes', label: 'nav.disputes', Page: DisputesPage },
  { key: 'money', label: 'nav.money', Page: MoneyPage },
  { key: 'log', label: 'nav.log', Page: LogPage },
];

interface Props {
  client: GraphQLClient;
  session: Session;
  drafts: Drafts;
}

export function App({ client, session, drafts }: Props) {
  const [language, setLanguage] = useState<Language>(languageOf(navigator.language));
  const t = useMemo(() => translator(language), [language]);
  const state = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.state,
  );
  const [page, setPage] = useState(PAGES[0].key);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const index = Number(event.key) - 1;
      if (event.altKey && PAGES[index]) {
        event.preventDefault();
        setPage(PAGES[index].key);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const switchLanguage = () => setLanguage(language === 'fr' ? 'en' : 'fr');
  const languageButton = (
    <button type="button" className="language" onClick={switchLanguage} lang={language === 'fr' ? 'en' : 'fr'}>
      {t('app.language')}
    </button>
  );

  if (state.status !== 'signedIn') {
    return (
      <main className="sign-in">
        {languageButton}
        <SignIn
          client={client}
          t={t}
          expired={state.status === 'expired'}
          onSignedIn={(payload) => {
            drafts.signedIn(payload.user.id);
            session.start(payload);
          }}
        />
      </main>
    );
  }
  const { payload } = state;
  const desk: Desk = { client, drafts, user: payload.user, language, t };
  const signOut = () => {
    void client.anonymous(LOGOUT, { refreshToken: payload.refreshToken }).catch(() => undefined);
    drafts.signedOut();
    session.signOut();
  };
  const { Page } = PAGES.find((candidate) => candidate.key === page)!;
  return (
    <DeskContext.Provider value={desk}>
      <header className="top">
        <h1>{t('app.title')}</h1>
        <nav aria-label={t('app.title')}>
          {PAGES.map(({ key, label }, index) => (
            <button
              key={key}
              type="button"
              aria-current={key === page ? 'page' : undefined}
              onClick={() => setPage(key)}
              title={`Alt+${index + 1}`}
            >
              {t(label)}
            </button>
          ))}
        </nav>
        <span className="who">{payload.user.displayName}</span>
        {languageButton}
        <button type="button" onClick={signOut}>
          {t('app.signOut')}
        </button>
      </header>
      <main className="page" id={`page-${page}`}>
        <Page />
      </main>
      <footer className="shortcuts">{t('app.shortcuts')}</footer>
    </DeskContext.Provider>
  );
}

function SignIn({
  client,
  t,
  expired,
  onSignedIn,
}: {
  client: GraphQLClient;
  t: Translate;
  expired: boolean;
  onSignedIn: (payload: SignedIn) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<DeskError | null>(null);
  const [refused, setRefused] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setRefused(false);
    try {
      const { login } = await client.anonymous<{ login: SignedIn }>(LOGIN, { input: { email, password } });
      if (!mayModerate(login.user)) {
        setRefused(true);
        await client.anonymous(LOGOUT, { refreshToken: login.refreshToken }).catch(() => undefined);
        return;
      }
      setPassword('');
      onSignedIn(login);
    } catch (caught) {
      setError(asDeskError(caught));
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {expired && (
        <p role="status" className="notice">
          {t('signIn.expired')}
        </p>
      )}
      {refused && (
        <p role="alert" className="error">
          {t('signIn.notModerator')}
        </p>
      )}
      <label htmlFor="email">{t('signIn.email')}</label>
      <input
        id="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <label htmlFor="password">{t('signIn.password')}</label>
      <input
        id="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <ErrorText error={error} t={t} />
      <button type="submit">{t('signIn.submit')}</button>
    </form>
  );
}
