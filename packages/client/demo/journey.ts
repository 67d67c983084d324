/**
 * The whole marketplace journey through the SDK, as apps would play it: a client, two providers
 * and a moderator, each with their own Apollo Client (their own device and cache). Every step
 * reports one line; `onStep` also hands over the apps, so a test can look into their caches.
 */
import type { ApolloClient } from '@apollo/client';
import type Stripe from 'stripe';
import {
  AcceptBidDocument,
  ApproveIdentityVerificationDocument,
  ClaimIdentityVerificationDocument,
  ConfirmMissionCompletionDocument,
  createMarketplaceClient,
  IdentityVerificationQueueDocument,
  LoginDocument,
  MarkMissionDeliveredDocument,
  MeDocument,
  MissionDocument,
  MissionPaymentDocument,
  MyPayoutsDocument,
  PlaceBidDocument,
  PostMissionDocument,
  RateMissionDocument,
  RegisterDocument,
  SearchMissionsDocument,
  StartPayoutOnboardingDocument,
  SubmitIdentityVerificationDocument,
  uploadIdentityDocument,
  UpsertProviderProfileDocument,
  UserReputationDocument,
  VerifyEmailDocument,
} from '../src';
import { tokenEmailedTo } from './inbox';

export interface JourneyOptions {
  /** The API's base URL, e.g. http://localhost:3000. */
  apiUrl: string;
  /** The Stripe SDK on the API's Stripe (its emulator): confirms the payment as the client's Stripe.js would. */
  stripe: Stripe;
  /** Who approves the providers' identities: a moderator's credentials, or how to make the demo's Mona one. */
  moderator: ModeratorSource;
  /** Called after each step with one readable line, and the apps so far (a test looks into their caches). */
  onStep: (step: JourneyStep, apps: JourneyApps) => void;
  /**
   * Where the API writes its emails as `.eml` files (no SMTP_URL: `<DATA_DIR>/outbox`): each new
   * user follows the verification link sent there, as bidding and accepting need a verified address.
   */
  outboxDir: string;
  /** How long to wait for what happens after a call (a webhook, the worker's transfer); default 30 s. */
  waitMs?: number;
}

/** An existing moderator, or `grant`: gives the user of this email the role, as an operator does (`npm run cli -- grant-role`). */
export type ModeratorSource = { email: string; password: string } | { grant: (email: string) => Promise<void> };

export interface JourneyStep {
  name: string;
  line: string;
}

/** A signed-in user and their app: their own Apollo Client and cache. */
export interface UserApp {
  name: string;
  id: string;
  email: string;
  client: ApolloClient;
  session: { accessToken: string | null };
}

export interface JourneyApps {
  client: UserApp;
  provider: UserApp;
  rival: UserApp;
  moderator: UserApp;
  missionId?: string;
  bidId?: string;
  rivalBidId?: string;
}

const PASSWORD = 'a long demo passphrase';
export const PARIS_11 = { city: 'Paris', postcode: '75011', latitude: 48.8589, longitude: 2.3795 };
export const CHATELET = { latitude: 48.8566, longitude: 2.3522 };

/** The provider's search for the demo's mission, near a point. */
export const searchVariables = (near: { latitude: number; longitude: number }) => ({
  filter: { near, radiusKm: 10, category: 'FURNITURE_ASSEMBLY' as const, text: 'armoire' },
  first: 20,
});
/** Small but real: a JPEG's first bytes. */
const A_SCAN = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'a scanned identity card']);

export const euros = (cents: number | null | undefined) => (cents == null ? '—' : `${(cents / 100).toFixed(2)} EUR`);

async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function playJourney(options: JourneyOptions): Promise<JourneyApps> {
  const graphqlUrl = new URL('/graphql', options.apiUrl).toString();
  const waitMs = options.waitMs ?? 30_000;
  const run = Math.random().toString(36).slice(2, 8);

  const appFor = (): Pick<UserApp, 'client' | 'session'> => {
    const session: UserApp['session'] = { accessToken: null };
    return { session, client: createMarketplaceClient({ url: graphqlUrl, accessToken: () => session.accessToken }) };
  };
  const signUp = async (name: string): Promise<UserApp> => {
    const { client, session } = appFor();
    const email = `${name.toLowerCase()}-${run}@example.com`;
    const { data } = await client.mutate({
      mutation: RegisterDocument,
      variables: { input: { email, password: PASSWORD, displayName: name } },
    });
    session.accessToken = data!.register.accessToken;
    const token = await eventually(
      async () => tokenEmailedTo(options.outboxDir, email, '/verify-email'),
      `the verification email to ${email}`,
      waitMs,
    );
    await client.mutate({ mutation: VerifyEmailDocument, variables: { token } });
    return { name, id: data!.register.user.id, email, client, session };
  };
  // A session opened after a grant carries the role at once.
  const signIn = async ({ email, password }: { email: string; password: string }): Promise<UserApp> => {
    const { client, session } = appFor();
    const { data } = await client.mutate({ mutation: LoginDocument, variables: { input: { email, password } } });
    session.accessToken = data!.login.accessToken;
    return { name: data!.login.user.displayName, id: data!.login.user.id, email, client, session };
  };
  const moderatorApp = async (source: ModeratorSource): Promise<UserApp> => {
    if (!('grant' in source)) return signIn(source);
    const { email } = await signUp('Mona');
    await source.grant(email);
    return signIn({ email, password: PASSWORD });
  };

  const apps: JourneyApps = {
    client: await signUp('Dana'),
    provider: await signUp('Karim'),
    rival: await signUp('Lucie'),
    moderator: await moderatorApp(options.moderator),
  };
  const { client, provider, rival, moderator } = apps;
  const report = (name: string, line: string) => options.onStep({ name, line }, apps);
  report('register', `registered ${client.name} (client), ${provider.name} and ${rival.name} (providers)`);
  const { me: moderatorViewer } = (await moderator.client.query({ query: MeDocument })).data!;
  report('moderator', `${moderator.name} signed in as a moderator: ${moderatorViewer!.roles.join(', ')}`);

  for (const bidder of [provider, rival]) {
    // The app shows its viewer first; the mutation's answer then updates it in the cache.
    await bidder.client.query({ query: MeDocument });
    await bidder.client.mutate({
      mutation: UpsertProviderProfileDocument,
      variables: {
        input: {
          headline: 'Montage de meubles',
          categories: ['FURNITURE_ASSEMBLY'],
          serviceArea: { ...PARIS_11, radiusKm: 15 },
          siret: '73282932000074',
        },
      },
    });
    const me = bidder.client.readQuery({ query: MeDocument })!.me!;
    report('provider-profile', `${bidder.name} has a provider profile ("${me.providerProfile?.headline}"): roles ${me.roles.join(', ')}`);

    const document = await uploadIdentityDocument(options.apiUrl, bidder.session.accessToken!, A_SCAN, 'id-card.jpg');
    const { data: submitted } = await bidder.client.mutate({
      mutation: SubmitIdentityVerificationDocument,
      variables: {
        input: { documentType: 'ID_CARD', legalName: `${bidder.name} Martin`, dateOfBirth: '1988-03-14', documentIds: [document.id] },
      },
    });
    const caseId = submitted!.submitIdentityVerification.id;
    const { data: queue } = await moderator.client.query({
      query: IdentityVerificationQueueDocument,
      variables: { first: 50 },
      fetchPolicy: 'network-only',
    });
    if (!queue!.identityVerificationQueue.edges.some(({ node }) => node.id === caseId))
      throw new Error(`case ${caseId} is not in the queue`);
    await moderator.client.mutate({ mutation: ClaimIdentityVerificationDocument, variables: { id: caseId } });
    const { data: approved } = await moderator.client.mutate({ mutation: ApproveIdentityVerificationDocument, variables: { id: caseId } });
    report(
      'identity',
      `${moderator.name} approved ${bidder.name}'s identity (case ${caseId}, document ${document.id}): ${approved!.approveIdentityVerification.status}`,
    );
  }

  const { data: onboarding } = await provider.client.mutate({
    mutation: StartPayoutOnboardingDocument,
    variables: { returnUrl: 'http://localhost:8080/payouts/done', refreshUrl: 'http://localhost:8080/payouts/retry' },
  });
  // The provider's browser opens Stripe's onboarding page; the emulator completes it and redirects.
  const visit = await fetch(onboarding!.startPayoutOnboarding.url, { redirect: 'manual' });
  const payoutsEnabled = await eventually(
    async () => (await provider.client.query({ query: MeDocument, fetchPolicy: 'network-only' })).data!.me!.providerProfile?.payoutsEnabled,
    'payouts to be enabled',
    waitMs,
  );
  report(
    'onboarding',
    `${provider.name} finished payout onboarding (${visit.status} to ${visit.headers.get('location')}): payouts enabled ${payoutsEnabled}`,
  );

  const { data: posted } = await client.client.mutate({
    mutation: PostMissionDocument,
    variables: {
      input: {
        title: 'Monter une armoire PAX',
        description: 'Armoire IKEA PAX de 2 m à monter dans une chambre, outils sur place.',
        category: 'FURNITURE_ASSEMBLY',
        budgetCents: 8000,
        location: { address: '12 rue Oberkampf', city: 'Paris', postcode: '75011', latitude: 48.8647, longitude: 2.3714 },
      },
    },
  });
  const mission = posted!.postMission;
  apps.missionId = mission.id;
  report(
    'post-mission',
    `${client.name} posted mission ${mission.id} "${mission.title}" in ${mission.location.city}, budget ${euros(mission.budgetCents)}`,
  );

  const searchFrom = async (near: { latitude: number; longitude: number }) => {
    const { data } = await provider.client.query({
      query: SearchMissionsDocument,
      variables: searchVariables(near),
    });
    const hit = data!.missions.edges.find(({ node }) => node.id === mission.id);
    if (!hit) throw new Error(`the search did not find mission ${mission.id}`);
    return { count: data!.missions.edges.length, hit };
  };
  const fromChatelet = await searchFrom(CHATELET);
  const fromHome = await searchFrom({ latitude: PARIS_11.latitude, longitude: PARIS_11.longitude });
  await provider.client.query({ query: MissionDocument, variables: { id: mission.id } });
  report(
    'search',
    `${provider.name} found ${fromChatelet.count} mission(s) near Châtelet; "${fromChatelet.hit.node.title}" at ${fromChatelet.hit.distanceKm} km, ${fromHome.hit.distanceKm} km from home`,
  );

  const bidOf = async (bidder: UserApp, amountCents: number) => {
    const { data } = await bidder.client.mutate({
      mutation: PlaceBidDocument,
      variables: { input: { missionId: mission.id, amountCents, message: 'Disponible samedi matin, avec mes outils.', estimatedHours: 3 } },
    });
    const bid = data!.placeBid;
    report(
      'bid',
      `${bidder.name} bid ${euros(bid.amountCents)} on the mission (fee ${euros(bid.platformFeeCents)}, receives ${euros(bid.providerReceivesCents)}): bid ${bid.id}`,
    );
    return bid;
  };
  const bid = await bidOf(provider, 12_000);
  const rivalBid = await bidOf(rival, 15_000);
  apps.bidId = bid.id;
  apps.rivalBidId = rivalBid.id;

  const { data: withBids } = await client.client.query({ query: MissionDocument, variables: { id: mission.id } });
  report(
    'bids',
    `${client.name} sees ${withBids!.mission!.bids.edges.length} bids: ${withBids!.mission!.bids.edges.map(({ node }) => `${node.provider.displayName} ${euros(node.amountCents)}`).join(', ')}`,
  );
  const { data: accepted } = await client.client.mutate({
    mutation: AcceptBidDocument,
    variables: { id: bid.id, expectedAmountCents: bid.amountCents },
  });
  const cached = client.client.readQuery({ query: MissionDocument, variables: { id: mission.id } })!.mission!;
  report(
    'accept',
    `${client.name} accepted ${provider.name}'s bid: mission ${accepted!.acceptBid.status}; in her app's cache: ${cached.bids.edges.map(({ node }) => `${node.provider.displayName} ${node.status}`).join(', ')}`,
  );

  // Stripe's webhooks reach the API, not this app: it asks the server again.
  const paymentNow = async () =>
    (await client.client.query({ query: MissionPaymentDocument, variables: { id: mission.id }, fetchPolicy: 'network-only' })).data!.mission
      ?.payment;
  const paymentIntentId = await eventually(
    async () => (await paymentNow())?.clientSecret?.split('_secret_')[0],
    'the payment to be ready',
    waitMs,
  );
  await options.stripe.paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' });
  const payment = await eventually(
    async () => {
      const now = await paymentNow();
      return now?.status === 'SUCCEEDED' && now;
    },
    'the payment to succeed',
    waitMs,
  );
  report(
    'pay',
    `${client.name} paid ${euros(payment.amountCents)} (PaymentIntent ${paymentIntentId}): ${payment.status}, platform fee ${euros(payment.platformFeeCents)}`,
  );

  const { data: delivered } = await provider.client.mutate({
    mutation: MarkMissionDeliveredDocument,
    variables: { missionId: mission.id },
  });
  report('deliver', `${provider.name} marked the mission delivered: ${delivered!.markMissionDelivered.status}`);
  const { data: confirmed } = await client.client.mutate({
    mutation: ConfirmMissionCompletionDocument,
    variables: { missionId: mission.id },
  });
  report('confirm', `${client.name} confirmed the work: mission ${confirmed!.confirmMissionCompletion.status}`);

  const payout = await eventually(
    async () => {
      const { data } = await provider.client.query({ query: MyPayoutsDocument, fetchPolicy: 'network-only' });
      const node = data!.myPayouts.edges.find((edge) => edge.node.mission.id === mission.id)?.node;
      return node?.status === 'TRANSFERRED' && node;
    },
    'the payout transfer',
    waitMs,
  );
  report('payout', `${provider.name}'s payout ${payout.id}: ${payout.status}, ${euros(payout.amountCents)} at ${payout.transferredAt}`);

  for (const [author, score, comment] of [
    [client, 5, 'Rapide et soigneux.'],
    [provider, 4, 'Armoire prête, accueil chaleureux.'],
  ] as const) {
    const { data } = await author.client.mutate({
      mutation: RateMissionDocument,
      variables: { input: { missionId: mission.id, score, comment } },
    });
    report(
      'rate',
      `${author.name} rated the ${data!.rateMission.role.toLowerCase()} ${score}/5: ${data!.rateMission.publishedAt ? 'both ratings published' : 'private until the other side rates'}`,
    );
  }

  const reputationOf = async (user: UserApp) =>
    (await client.client.query({ query: UserReputationDocument, variables: { id: user.id }, fetchPolicy: 'network-only' })).data!.user!
      .reputation;
  const [asProvider, asClient] = [(await reputationOf(provider)).asProvider, (await reputationOf(client)).asClient];
  report(
    'reputation',
    `reputations: ${provider.name} as provider ${asProvider.average} (${asProvider.count} rating), ${client.name} as client ${asClient.average} (${asClient.count} rating)`,
  );
  return apps;
}
