/**
 * Worlds for the authorization matrix: a cast of people (a client, the provider they hire, a
 * client and a provider with no part in it, a moderator, an admin) and, around them, a mission
 * brought to a stage of its lifecycle, and a stranger to act upon (suspend, report, verify).
 */
import { Viewer } from '@marketplace/common';
import { IdentityVerificationsService } from '@marketplace/identity';
import { aSignedInUser, aUserWithRole, grantRoleTo, SignedInUser } from './accounts.builders';
import { aSubmittedVerification } from './identity.builders';
import { aBid, aMission, aProviderProfileInput } from './marketplace.builders';
import { pay } from './payments.builders';
import { TestApp } from './test-app';

export const ACTORS = ['anonymous', 'client', 'provider', 'otherClient', 'otherProvider', 'moderator', 'admin'] as const;
export type Actor = (typeof ACTORS)[number];
export type Person = Exclude<Actor, 'anonymous'>;

export interface Member extends SignedInUser {
  /** As the API stored it (normalized), when the member gave one. */
  phone: string | null;
}

/**
 * The client posts the missions, the provider is the one whose bid gets accepted, the other
 * provider bids and loses; the other client, the moderator and the admin have no part in them.
 * Both providers have a profile and an approved identity.
 */
export type Cast = Record<Person, Member>;

/**
 * How far the mission has gone. `hidden`: open, with both bids, then hidden by a moderator.
 * `blind`: completed and rated by the client only, so the rating is not published yet.
 */
export type Stage = 'posted' | 'open' | 'hidden' | 'assigned' | 'paid' | 'delivered' | 'disputed' | 'completed' | 'blind' | 'rated';

export interface WorldSpec {
  /** A mission of the cast's client at this stage; none when absent. */
  stage?: Stage;
  /**
   * A user with no part in anything: plain, with a pending identity verification (claimed by the
   * cast's moderator, or not), reported by the other client, or a moderator.
   */
  stranger?: 'plain' | 'pendingVerification' | 'claimedVerification' | 'reported' | 'moderator';
  /** A cast of its own, for calls that change the people themselves (their roles, their identity status). */
  ownCast?: boolean;
  /** A cast of its own whose client is also a moderator and whose provider also an admin: parties who may not moderate. */
  partiesModerate?: boolean;
  /** An open report by one of the cast about another (or about the stranger). */
  report?: { by: Person; about: Person | 'stranger' };
  /** A pending identity verification of one of the cast. */
  verificationOf?: Person;
  /** With a mission: the provider's question about it, answered by the client; reported by the client, or not. */
  conversation?: 'asked' | 'reported';
}

export interface World {
  cast: Cast;
  missionId?: string;
  /** The provider's bid (12,000 cents): pending, then accepted from `assigned` on. */
  bidId?: string;
  /** The other provider's bid (13,000 cents): pending, then declined from `assigned` on. */
  otherBidId?: string;
  /** The client's rating of the provider (from `blind` on), and the provider's of the client (`rated`: both published). */
  clientRatingId?: string;
  providerRatingId?: string;
  stranger?: SignedInUser;
  verificationId?: string;
  reportId?: string;
  /** The provider's conversation with the client, and the provider's question in it. */
  conversationId?: string;
  questionId?: string;
}

export const A_SIRET = aProviderProfileInput().siret as string;

async function act(app: TestApp, who: SignedInUser, operation: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await app.graphql(operation, variables, who.accessToken);
  if (response.errors || !response.data) throw new Error(`${operation.slice(0, 60)}… failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

async function withPhone(app: TestApp, user: SignedInUser, phone: string): Promise<Member> {
  const data = await act(app, user, `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { phone } }`, {
    input: { phone },
  });
  return { ...user, phone: data.updateProfile.phone };
}

async function aVerifiedProvider(app: TestApp, moderator: SignedInUser, displayName: string): Promise<SignedInUser> {
  const provider = await aSignedInUser(app, { displayName });
  await act(app, provider, `mutation ($input: ProviderProfileInput!) { upsertProviderProfile(input: $input) { headline } }`, {
    input: aProviderProfileInput(),
  });
  const verificationId = await aSubmittedVerification(app, provider);
  const viewer: Viewer = { id: moderator.id, roles: ['CLIENT', 'MODERATOR'] as Viewer['roles'] };
  await app.app.get(IdentityVerificationsService).approve(viewer, verificationId);
  return provider;
}

export async function aCast(app: TestApp): Promise<Cast> {
  const [moderator, admin, client, otherClient] = await Promise.all([
    aUserWithRole(app, 'MODERATOR'),
    aUserWithRole(app, 'ADMIN'),
    aSignedInUser(app, { displayName: 'Claire Dubois' }),
    aSignedInUser(app, { displayName: 'Hugo Petit' }),
  ]);
  const [provider, otherProvider] = await Promise.all([
    aVerifiedProvider(app, moderator, 'Karim Benali'),
    aVerifiedProvider(app, moderator, 'Lucas Moreau'),
  ]);
  const [clientWithPhone, providerWithPhone] = await Promise.all([
    withPhone(app, client, '06 12 34 56 78'),
    withPhone(app, provider, '07 98 76 54 32'),
  ]);
  const noPhone = (user: SignedInUser): Member => ({ ...user, phone: null });
  return {
    client: clientWithPhone,
    provider: providerWithPhone,
    otherClient: noPhone(otherClient),
    otherProvider: noPhone(otherProvider),
    moderator: noPhone(moderator),
    admin: noPhone(admin),
  };
}

const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id } }`;
const HIDE = `mutation ($id: ID!) { hideMission(id: $id, reason: "Annonce frauduleuse") { id } }`;
const DELIVER = `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { id } }`;
const DISPUTE = `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Le travail n'a pas été fait.") { id } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { id } }`;
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id } }`;
const CLAIM = `mutation ($id: ID!) { claimIdentityVerification(id: $id) { id } }`;
const REPORT = `mutation ($id: ID!) { report(target: USER, targetId: $id, reason: "Demande un paiement hors plateforme.") { id } }`;
const ASK = `mutation ($id: ID!) { sendMessage(missionId: $id, text: "Bonjour, le meuble est-il déjà livré ?") { id conversation { id } } }`;
const ANSWER = `mutation ($id: ID!) { sendMessage(conversationId: $id, text: "Oui, il est livré.") { id } }`;
const REPORT_MESSAGE = `mutation ($id: ID!) { report(target: MESSAGE, targetId: $id, reason: "Demande un paiement hors plateforme.") { id } }`;

async function bringMissionTo(app: TestApp, world: World, stage: Stage): Promise<void> {
  const { client, provider, otherProvider, moderator } = world.cast;
  const missionId = (world.missionId = await aMission(app, client));
  if (stage === 'posted') return;
  world.bidId = await aBid(app, provider, missionId, { amountCents: 12_000 });
  world.otherBidId = await aBid(app, otherProvider, missionId, { amountCents: 13_000 });
  if (stage === 'open') return;
  if (stage === 'hidden') {
    await act(app, moderator, HIDE, { id: missionId });
    return;
  }
  await act(app, client, ACCEPT, { id: world.bidId });
  if (stage === 'assigned') return;
  await pay(app, { client, provider, missionId, bidId: world.bidId });
  if (stage === 'paid') return;
  await act(app, provider, DELIVER, { id: missionId });
  if (stage === 'delivered') return;
  if (stage === 'disputed') {
    await act(app, client, DISPUTE, { id: missionId });
    return;
  }
  await act(app, client, CONFIRM, { id: missionId });
  if (stage === 'completed') return;
  world.clientRatingId = (await act(app, client, RATE, { input: { missionId, score: 4, comment: 'Soigné.' } })).rateMission.id;
  if (stage === 'blind') return;
  world.providerRatingId = (await act(app, provider, RATE, { input: { missionId, score: 5, comment: 'Accueillant.' } })).rateMission.id;
}

export async function aWorld(app: TestApp, cast: Cast, spec: WorldSpec): Promise<World> {
  const world: World = { cast: spec.ownCast || spec.partiesModerate ? await aCast(app) : cast };
  if (spec.stage) await bringMissionTo(app, world, spec.stage);
  if (spec.stranger) {
    const kind = spec.stranger;
    const stranger = (world.stranger = kind === 'moderator' ? await aUserWithRole(app, 'MODERATOR') : await aSignedInUser(app));
    if (kind === 'pendingVerification' || kind === 'claimedVerification')
      world.verificationId = await aSubmittedVerification(app, stranger);
    if (kind === 'claimedVerification') await act(app, world.cast.moderator, CLAIM, { id: world.verificationId });
    if (kind === 'reported') world.reportId = (await act(app, world.cast.otherClient, REPORT, { id: stranger.id })).report.id;
  }
  if (spec.report) {
    const about = spec.report.about === 'stranger' ? world.stranger! : world.cast[spec.report.about];
    world.reportId = (await act(app, world.cast[spec.report.by], REPORT, { id: about.id })).report.id;
  }
  if (spec.conversation) {
    const asked = (await act(app, world.cast.provider, ASK, { id: world.missionId })).sendMessage;
    world.conversationId = asked.conversation.id;
    world.questionId = asked.id;
    await act(app, world.cast.client, ANSWER, { id: world.conversationId });
    if (spec.conversation === 'reported') world.reportId = (await act(app, world.cast.client, REPORT_MESSAGE, { id: asked.id })).report.id;
  }
  if (spec.verificationOf) world.verificationId = await aSubmittedVerification(app, world.cast[spec.verificationOf]);
  if (spec.partiesModerate)
    await Promise.all([grantRoleTo(app, world.cast.client, 'MODERATOR'), grantRoleTo(app, world.cast.provider, 'ADMIN')]);
  return world;
}

/** The ids that belong to this world alone (not to its cast, which other worlds share). */
export function idsOf(world: World): string[] {
  const ids = [
    world.missionId,
    world.bidId,
    world.otherBidId,
    world.clientRatingId,
    world.providerRatingId,
    world.stranger?.id,
    world.verificationId,
    world.reportId,
    world.conversationId,
    world.questionId,
  ];
  return ids.filter((id): id is string => id !== undefined);
}
