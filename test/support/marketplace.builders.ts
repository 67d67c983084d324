import { Viewer } from '@marketplace/common';
import { IdentityVerificationsService } from '@marketplace/identity';
import { aSignedInUser, anUnverifiedUser, aUserWithRole, SignedInUser } from './accounts.builders';
import { aSubmittedVerification } from './identity.builders';
import { TestApp } from './test-app';

export const MISSION_FIELDS = `id title description category status budgetCents currency preferredStart preferredEnd bidCount
  address exactLocation { latitude longitude } location { city postcode latitude longitude } distanceKm createdAt updatedAt
  client { id displayName }`;

export const BID_FIELDS = `id amountCents currency platformFeeCents providerReceivesCents message estimatedHours status createdAt updatedAt
  provider { id displayName isIdentityVerified } mission { id status }`;

/** A mission in the 11th arrondissement of Paris, its exact point private to the client. */
export function aMissionInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Monter une armoire PAX',
    description: 'Armoire IKEA PAX de 2 m à monter dans une chambre, outils sur place.',
    category: 'FURNITURE_ASSEMBLY',
    location: { address: '12 rue Oberkampf', city: 'Paris', postcode: '75011', latitude: 48.864716, longitude: 2.371387 },
    budgetCents: 8000,
    ...overrides,
  };
}

export function aProviderProfileInput(overrides: Record<string, unknown> = {}) {
  return {
    headline: 'Bricoleur soigneux, montage de meubles',
    bio: 'Dix ans de montage de meubles en kit à Paris et en petite couronne.',
    categories: ['FURNITURE_ASSEMBLY', 'HANDYMAN'],
    serviceArea: { city: 'Paris', postcode: '75011', latitude: 48.8589, longitude: 2.3795, radiusKm: 15 },
    hourlyRateCents: 3500,
    siret: '73282932000074',
    ...overrides,
  };
}

export function aBidInput(missionId: string, overrides: Record<string, unknown> = {}) {
  return { missionId, amountCents: 12_000, message: 'Disponible samedi matin, je viens avec mes outils.', estimatedHours: 3, ...overrides };
}

export async function aMission(app: TestApp, client: SignedInUser, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await app.graphql(
    `mutation ($input: PostMissionInput!) { postMission(input: $input) { id } }`,
    { input: aMissionInput(overrides) },
    client.accessToken,
  );
  if (!response.data) throw new Error(`postMission failed: ${JSON.stringify(response.errors)}`);
  return response.data.postMission.id;
}

/** A user with a provider profile (PROVIDER role) and, unless told otherwise, an approved identity. */
/** `verified`: their identity is approved; `emailVerified`: they followed their verification link. */
export async function aProvider(app: TestApp, { verified = true, emailVerified = true } = {}): Promise<SignedInUser> {
  const provider = await (emailVerified ? aSignedInUser : anUnverifiedUser)(app, { displayName: 'Karim Benali' });
  const response = await app.graphql(
    `mutation ($input: ProviderProfileInput!) { upsertProviderProfile(input: $input) { headline } }`,
    { input: aProviderProfileInput() },
    provider.accessToken,
  );
  if (!response.data) throw new Error(`upsertProviderProfile failed: ${JSON.stringify(response.errors)}`);
  if (verified) await anApprovedIdentity(app, provider);
  return provider;
}

export async function anApprovedIdentity(app: TestApp, user: SignedInUser): Promise<void> {
  const verificationId = await aSubmittedVerification(app, user);
  const moderator = await aUserWithRole(app, 'MODERATOR');
  const moderatorViewer: Viewer = { id: moderator.id, roles: ['CLIENT', 'MODERATOR'] as Viewer['roles'] };
  await app.app.get(IdentityVerificationsService).approve(moderatorViewer, verificationId);
}

export async function aBid(
  app: TestApp,
  provider: SignedInUser,
  missionId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await app.graphql(
    `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
    { input: aBidInput(missionId, overrides) },
    provider.accessToken,
  );
  if (!response.data) throw new Error(`placeBid failed: ${JSON.stringify(response.errors)}`);
  return response.data.placeBid.id;
}
