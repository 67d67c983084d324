/**
 * The client SDK (packages/client) as an app uses it: the demo's journey, each user on their own
 * Apollo Client, against a running API; after the steps whose mutations change what other
 * queries show, the caches hold what the server holds, without refetching. Then the invoicing and
 * tax operations on a mission the builders complete.
 */
import { AccountsService } from '@marketplace/accounts';
import {
  AcceptBillingMandateDocument,
  BillingMandateTextDocument,
  ContestInvoiceDocument,
  createMarketplaceClient,
  MeDocument,
  MissionDocument,
  MissionInvoicesDocument,
  MyInvoicesDocument,
  MyInvoicesQuery,
  ReissueInvoiceDocument,
  ReviewPolicyDocument,
  SearchMissionsDocument,
  ThresholdsDocument,
  UpdateBillingProfileDocument,
  UserReputationDocument,
} from '@marketplace/client';
import { Role } from '@marketplace/common';
import { spawnSync } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CHATELET, JourneyApps, PARIS_11, playJourney, searchVariables, UserApp } from '../packages/client/demo/journey';
import { KARIM_BILLING } from './support/invoices.builders';
import { aProvider } from './support/marketplace.builders';
import { aCompletedMission, stripeFor } from './support/payments.builders';
import { aRunningApi } from './support/running-api';
import { TestApp } from './support/test-app';

function cachedMission({ client }: UserApp, id: string) {
  return client.readQuery({ query: MissionDocument, variables: { id } })?.mission;
}

describe('the client SDK', () => {
  let app: TestApp;
  const apiUrl = () => `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  /** A user's app: their own Apollo Client and cache. */
  const appOf = (accessToken: string | null) => createMarketplaceClient({ url: `${apiUrl()}/graphql`, accessToken: () => accessToken });

  beforeAll(async () => {
    app = await aRunningApi();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('has its generated operations up to date with apps/api/schema.gql and its operation documents', () => {
    const check = spawnSync('node', [join(__dirname, '..', 'packages', 'client', 'codegen.mjs'), '--check'], { encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('plays the whole journey through Apollo Client, each cache right after the mutations that matter', async () => {
    const seen: Record<string, unknown> = {};
    const checks: Record<string, (apps: JourneyApps) => unknown> = {
      // upsertProviderProfile answers the profile's user: the cached `me` shows the new role, with no refetch.
      'provider-profile': ({ provider }) => {
        const me = provider.client.readQuery({ query: MeDocument })?.me;
        return { roles: me?.roles, headline: me?.providerProfile?.headline };
      },
      // Two searches from different points, then mission(id): each search's edge keeps its own distance.
      search: ({ provider, missionId }) => {
        const cachedDistance = (near: { latitude: number; longitude: number }) =>
          provider.client
            .readQuery({ query: SearchMissionsDocument, variables: searchVariables(near) })
            ?.missions.edges.find(({ node }) => node.id === missionId)?.distanceKm;
        return {
          fromChatelet: cachedDistance(CHATELET),
          fromHome: cachedDistance({ latitude: PARIS_11.latitude, longitude: PARIS_11.longitude }),
          missionCached: cachedMission(provider, missionId!)?.id === missionId,
        };
      },
      // acceptBid declines the other bids: the client's cached mission shows it.
      accept: ({ client, missionId }) => {
        const mission = cachedMission(client, missionId!);
        return { status: mission?.status, bids: mission?.bids.edges.map(({ node }) => [node.provider.displayName, node.status]) };
      },
      confirm: ({ client, missionId }) => cachedMission(client, missionId!)?.status,
      reputation: ({ client, provider }) =>
        client.client.readQuery({ query: UserReputationDocument, variables: { id: provider.id } })?.user?.reputation,
    };
    const lines: string[] = [];

    await playJourney({
      apiUrl: apiUrl(),
      stripe: stripeFor(app),
      moderator: {
        grant: async (email) => {
          const accounts = app.app.get(AccountsService);
          await accounts.grantRole((await accounts.findByEmail(email))!.id, Role.MODERATOR);
        },
      },
      outboxDir: join(app.config.dataDir, 'outbox'),
      onStep: ({ name, line }, apps) => {
        lines.push(line);
        if (checks[name] && !(name in seen)) seen[name] = checks[name](apps);
      },
      waitMs: 15_000,
    });

    expect(seen['provider-profile']).toEqual({ roles: ['CLIENT', 'PROVIDER'], headline: 'Montage de meubles' });
    // The mission's public (rounded) location is 1.36 km from Châtelet and 0.71 km from the provider's home (Paris 11e).
    expect(seen.search).toEqual({ fromChatelet: 1.36, fromHome: 0.71, missionCached: true });
    expect(seen.accept).toEqual({
      status: 'ASSIGNED',
      bids: expect.arrayContaining([
        ['Karim', 'ACCEPTED'],
        ['Lucie', 'DECLINED'],
      ]),
    });
    expect(seen.confirm).toBe('COMPLETED');
    expect(seen.reputation).toEqual({
      __typename: 'Reputation',
      asProvider: { __typename: 'ReputationSummary', average: 5, count: 1 },
      asClient: { __typename: 'ReputationSummary', average: null, count: 0 },
    });
    expect(lines.at(-1)).toBe('reputations: Karim as provider 5 (1 rating), Dana as client 4 (1 rating)');
  }, 60_000);

  it('invoices a mandated provider’s completed mission, lists, contests and reissues it; answers thresholds and the review policy', async () => {
    const provider = await aProvider(app);
    const providerApp = appOf(provider.accessToken);
    await providerApp.mutate({ mutation: UpdateBillingProfileDocument, variables: { input: KARIM_BILLING } });
    const { version } = (await providerApp.query({ query: BillingMandateTextDocument })).data!.billingMandateText;
    const { data: accepted } = await providerApp.mutate({ mutation: AcceptBillingMandateDocument, variables: { version } });
    expect(accepted!.acceptBillingMandate).toMatchObject({ version, revokedAt: null });

    const { client, missionId } = await aCompletedMission(app, provider);
    const { data: documents } = await appOf(client.accessToken).query({ query: MissionInvoicesDocument, variables: { id: missionId } });
    expect(documents!.mission).toMatchObject({
      status: 'COMPLETED',
      missingInvoiceReason: null,
      paymentReceipt: null,
      invoices: [{ kind: 'INVOICE', status: 'ISSUED', totalCents: 12_000, missionId }],
    });
    const invoiceId = documents!.mission!.invoices[0].id;
    const myInvoices = { query: MyInvoicesDocument, variables: { first: 20 } };
    const invoiceIn = (data: MyInvoicesQuery | null) => data?.myInvoices.edges.find(({ node }) => node.id === invoiceId)?.node;
    expect(invoiceIn((await providerApp.query(myInvoices)).data!)).toMatchObject({ kind: 'INVOICE', status: 'ISSUED' });

    // contestInvoice answers the invoice: the cached list shows it contested, with no refetch.
    await providerApp.mutate({ mutation: ContestInvoiceDocument, variables: { id: invoiceId, reason: 'Mon adresse a changé.' } });
    expect(invoiceIn(providerApp.readQuery(myInvoices))).toMatchObject({ status: 'CONTESTED', contestReason: 'Mon adresse a changé.' });
    const { data: reissued } = await providerApp.mutate({ mutation: ReissueInvoiceDocument, variables: { id: invoiceId } });
    expect(reissued!.reissueInvoice).toMatchObject({
      creditNote: { kind: 'CREDIT_NOTE', correctsInvoiceId: invoiceId, totalCents: 12_000 },
      invoice: { kind: 'INVOICE', correctsInvoiceId: invoiceId, totalCents: 12_000 },
    });

    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));
    const { thresholds } = (await providerApp.query({ query: ThresholdsDocument, variables: { year } })).data!;
    // Without a tax profile: the services figures of the year, unprorated.
    expect(thresholds).toMatchObject({
      year,
      offPlatformRevenueCents: 0,
      vatFranchiseHolds: true,
      applied: { vatFranchiseBaseCents: 3_750_000, vatFranchiseMajoreCents: 4_125_000, microCeilingCents: 8_360_000 },
      prorated: null,
    });

    const { reviewPolicy } = (await appOf(null).query({ query: ReviewPolicyDocument, variables: { locale: 'EN' } })).data!;
    expect(reviewPolicy).toMatchObject({ locale: 'EN', title: 'How ratings work', ratingWindowDays: app.config.ratingWindowDays });
    expect(reviewPolicy.hideReasons.map(({ code }) => code)).toContain('TERMS_BREACH');
  }, 60_000);
});
