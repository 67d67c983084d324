import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AUTH_FIELDS, App } from './app';
import './desk.css';
import { Drafts } from './drafts';
import { GraphQLClient } from './graphql-client';
import { Session, type SignedIn } from './session';

const REFRESH = `mutation DeskRefresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${AUTH_FIELDS} } }`;

const client = new GraphQLClient('/graphql');
const session = new Session(
  async (refreshToken) => (await client.anonymous<{ refreshSession: SignedIn }>(REFRESH, { refreshToken })).refreshSession,
);
client.useTokens(session);

createRoot(document.getElementById('desk')!).render(
  <StrictMode>
    <App client={client} session={session} drafts={new Drafts()} />
  </StrictMode>,
);
