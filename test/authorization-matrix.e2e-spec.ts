/**
 * Who may do what: every query and mutation of the contract, as every kind of actor, in one
 * table. A row names an operation, the world it runs in (a mission at some stage, a stranger to
 * act upon), its variables, and for each actor the outcome: ALLOW, what they see, or the error
 * code. A refused call must change nothing in its world. An allowed call that changes the world
 * gets a world of its own, so that one actor's success never decides another's outcome; worlds
 * that only serve reads and refusals are shared. Worlds are built in the background, a few at
 * a time, while earlier rows run.
 */
import { buildSchema, FieldNode, OperationDefinitionNode, parse } from 'graphql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountTokenPurpose, AccountTokens } from '@marketplace/accounts';
import { CURRENT_BILLING_MANDATE } from '@marketplace/invoicing';
import { aRegistration } from './support/accounts.builders';
import { aSubmission, anUploadedDocument } from './support/identity.builders';
import { aBidInput, aMissionInput, aProviderProfileInput } from './support/marketplace.builders';
import { anUploadedPhoto } from './support/photos.builders';
import { errorCodes, TestApp } from './support/test-app';
import { A_SIRET, aCast, ACTORS, Actor, aWorld, Cast, idsOf, Person, World, WorldSpec } from './support/world.builders';

const ALLOW = 'ALLOW';
const UNAUTHENTICATED = 'UNAUTHENTICATED';
const FORBIDDEN = 'FORBIDDEN';
const NOT_FOUND = 'NOT_FOUND';
const CONFLICT = 'CONFLICT';
const BAD_USER_INPUT = 'BAD_USER_INPUT';
type Refusal = typeof UNAUTHENTICATED | typeof FORBIDDEN | typeof NOT_FOUND | typeof CONFLICT | typeof BAD_USER_INPUT;
/** What the actor sees in the operation's root field, for fields the contract shows to some and nulls for others. */
interface Sees {
  sees: (world: World, actor: Actor) => unknown;
}
type Outcome = typeof ALLOW | Refusal | Sees;

interface Row {
  operation: string;
  /** Says which world, when the operation and its world are not enough. */
  on: string;
  /** A world of the row's own, or, with `shared`, one that every row naming it reads and is refused on. */
  world: WorldSpec & { shared?: string };
  variables: (world: World, actor: Actor) => Record<string, unknown> | Promise<Record<string, unknown>>;
  expect: Record<Actor, Outcome>;
  /** The actors it allows act on their own things (their profile, their bid…): one world serves them all. */
  sideBySide?: boolean;
}

let app: TestApp;

const reason = 'Raison donnée par le modérateur.';
const ADD_MISSION_PHOTOS = `mutation ($m: ID!, $p: [ID!]!) { addMissionPhotos(missionId: $m, photoIds: $p) { photos { id url } } }`;
const REMOVE_MISSION_PHOTO = `mutation ($m: ID!, $p: ID!) { removeMissionPhoto(missionId: $m, photoId: $p) { photos { id } } }`;
/** A photo for the mission's client to add (others are refused before any photo is looked at: theirs is made up). */
const aPhotoToAdd = async (w: World, actor: Actor) => (actor === 'client' ? anUploadedPhoto(app, w.cast.client) : randomUUID());
/** One of the mission's photos, added by its client just before (for the others, a made-up one). */
const aPhotoOfMission = async (w: World, actor: Actor) => {
  if (actor !== 'client') return randomUUID();
  const photoId = await anUploadedPhoto(app, w.cast.client);
  await app.graphql(ADD_MISSION_PHOTOS, { m: mission(w), p: [photoId] }, w.cast.client.accessToken);
  return photoId;
};
const stranger = (w: World) => w.stranger!.id;
const mission = (w: World) => w.missionId!;
const firstIdOf = async (sql: string, id: string | undefined) => (await app.dataSource.query(sql, [id]))[0].id as string;
const paymentOfMission = (w: World) => firstIdOf(`SELECT id FROM payments WHERE mission_id = $1 AND lapsed_at IS NULL`, mission(w));
const documentOfCase = (w: World) => firstIdOf(`SELECT id FROM identity_documents WHERE verification_id = $1`, w.verificationId);
const hidingOfMission = (w: World) => firstIdOf(`SELECT id FROM moderation_actions WHERE target_id = $1`, mission(w));
const verificationOf = async (userId: string) =>
  (await app.dataSource.query(`SELECT id FROM identity_verifications WHERE user_id = $1`, [userId]))[0].id as string;
const notificationOf = (userId: string) => firstIdOf(`SELECT id FROM notifications WHERE user_id = $1 ORDER BY created_at LIMIT 1`, userId);
const payoutOfMission = async (w: World) =>
  (await app.dataSource.query(`SELECT id FROM payouts WHERE mission_id = $1`, [mission(w)]))[0].id as string;
const decisionOfMission = (w: World) => firstIdOf(`SELECT id FROM moderation_decisions WHERE target_id = $1`, mission(w));
const CONTEST = `mutation ($id: ID!, $text: String!) { contestModerationDecision(id: $id, text: $text) { id } }`;
/** The client's contest of the hiding of their mission, filed by the first call that needs it. */
const contestOfMission = async (w: World) => {
  const decisionId = await decisionOfMission(w);
  await app.graphql(CONTEST, { id: decisionId, text: 'Ma mission respecte les règles.' }, w.cast.client.accessToken);
  return firstIdOf(`SELECT id FROM moderation_contests WHERE decision_id = $1`, decisionId);
};
/** A refresh token of its own for each call (rotation and logout would spend a shared one). */
const aFreshRefreshToken = async (w: World) => {
  const response = await app.graphql(`mutation ($input: LoginInput!) { login(input: $input) { refreshToken } }`, {
    input: { email: w.stranger!.email, password: w.stranger!.password },
  });
  return response.data!.login.refreshToken as string;
};

/** A FranceConnect sign-in code as its callback leaves it (each call spends one). */
const aSignInCode = async (w: World) => {
  const code = randomUUID();
  await app.dataSource.query(
    `INSERT INTO franceconnect_sign_in_codes (code_hash, user_id, id_token, expires_at) VALUES (encode(sha256($1::bytea), 'hex'), $2, 'id-token', now() + interval '1 hour')`,
    [code, w.stranger!.id],
  );
  return code;
};

/** A live link token of a new account's own, as the email would carry it (each call spends one). */
const aLinkToken = async (purpose: AccountTokenPurpose) => {
  const registered = await app.graphql(`mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }`, {
    input: aRegistration(),
  });
  const { token } = await app.app.get(AccountTokens).issue(app.dataSource.manager, registered.data!.register.user.id, purpose, 3_600_000);
  return token;
};

// Shared worlds: reads and refusals only, so one serves many rows.
const READS: Row['world'] = { shared: 'a paid mission', stage: 'paid' };
const OPEN: Row['world'] = { shared: 'an open mission with two bids', stage: 'open' };
const ASSIGNED: Row['world'] = { shared: 'an assigned, unpaid mission', stage: 'assigned' };
const DELIVERED: Row['world'] = { shared: 'a delivered mission', stage: 'delivered' };
const COMPLETED: Row['world'] = { shared: 'a completed mission', stage: 'completed' };
const HIDDEN: Row['world'] = { shared: 'a hidden mission', stage: 'hidden' };
const BLIND: Row['world'] = { shared: 'a mission rated by its client only', stage: 'blind' };
const RATED: Row['world'] = { shared: 'a mission rated by both sides', stage: 'rated' };
/** Where everyone acts on their own account: sign-ups, sign-ins, profiles, their own missions and reports. */
const OWN_THINGS: Row['world'] = { shared: 'everyone on their own account', stranger: 'plain' };

/** Signed out; no FranceConnect session to end (the sign-in used a password). */
const noFranceConnectLogout = { sees: () => null };
const themselves = { sees: (w: World, actor: Actor) => ({ id: w.cast[actor as Person].id }) };
const hiddenPrivateMission = { sees: () => ({ address: null, exactLocation: null, payment: null, acceptedBid: null }) };
const exactPlace = { address: aMissionInput().location.address, exactLocation: { latitude: 48.864716, longitude: 2.371387 } };
const noBidsSeen = { sees: () => ({ bidCount: 2, bids: { edges: [] }, myBid: null }) };
const privateUser = { sees: () => ({ email: null, phone: null, providerProfile: { siret: null } }) };
const privateClient = { sees: () => ({ email: null, phone: null }) };
const moderatorSeesProvider = {
  sees: (w: World) => ({ email: w.cast.provider.email, phone: w.cast.provider.phone, providerProfile: { siret: A_SIRET } }),
};
const moderatorSeesClient = { sees: (w: World) => ({ email: w.cast.client.email, phone: w.cast.client.phone }) };
const noCase = { sees: () => null };
const approvedCase = { sees: () => ({ status: 'APPROVED' }) };
const noRatingSeen = { sees: () => ({ ratings: [], myRating: null }) };
/** Moderators act on a mission without getting its private fields back. */
const hiddenByModerator = { sees: (w: World) => ({ id: w.missionId, address: null, payment: null }) };
const resolvedByModerator = { sees: () => ({ status: 'COMPLETED', address: null, payment: null }) };
const refundedByModerator = { sees: () => ({ status: 'CANCELLED', address: null, payment: null }) };
const missionSeen = { sees: (w: World) => ({ id: w.missionId }) };
const missionNotSeen = { sees: () => null };
/** node(id:) answers exactly what the type's own query or field shows: the node, or null. */
const nodeSeen = (idOf: (w: World) => string | undefined) => ({ sees: (w: World) => ({ id: idOf(w) }) });
const aNode = { sees: () => ({ id: expect.any(String) }) };
const NODE = `query ($id: ID!) { node(id: $id) { id } }`;
const A_STRANGERS_CASE: Row['world'] = { shared: "a stranger's pending case", stranger: 'pendingVerification' };
const A_REPORT: Row['world'] = { shared: 'an open report about a stranger', stranger: 'reported' };
const A_CONVERSATION: Row['world'] = {
  shared: "a provider's question about an open mission, answered",
  stage: 'open',
  conversation: 'asked',
};
const conversationSeen = { sees: (w: World) => ({ id: w.conversationId }) };
const PARTICIPANTS_ONLY = {
  anonymous: UNAUTHENTICATED,
  client: ALLOW,
  provider: ALLOW,
  otherClient: NOT_FOUND,
  otherProvider: NOT_FOUND,
  moderator: NOT_FOUND,
  admin: NOT_FOUND,
} as const;

/** priceInsight answers for signed-in users, null here: no world holds 10 providers and 10 clients with accepted bids (test/price-insight.e2e-spec.ts). */
const tooFewParties: Sees = { sees: () => null };

// prettier-ignore
const ROWS: Row[] = [
  // ---------------------------------------------------------------- queries
  { operation: `{ me { id } }`, on: 'the viewer', world: READS, variables: () => ({}),
    expect: { anonymous: noCase, client: themselves, provider: themselves, otherClient: themselves, otherProvider: themselves, moderator: themselves, admin: themselves } },
  { operation: `query ($id: ID!) { user(id: $id) { id displayName reputation { asProvider { count } } } }`, on: 'the provider', world: READS, variables: (w) => ({ id: w.cast.provider.id }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `query ($id: ID!) { mission(id: $id) { id title status location { city } } }`, on: 'a paid mission', world: READS, variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ missions(first: 5) { edges { node { id } } } }`, on: 'the open missions', world: READS, variables: () => ({}),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ reviewPolicy { locale ratingWindowDays } }`, on: 'the ratings policy', world: READS, variables: () => ({}),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ priceInsight(category: HANDYMAN, near: { latitude: 48.86, longitude: 2.37 }) { medianAmountCents } }`, on: 'the accepted prices around Paris', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: tooFewParties, provider: tooFewParties, otherClient: tooFewParties, otherProvider: tooFewParties, moderator: tooFewParties, admin: tooFewParties } },
  { operation: `{ myMissions { edges { node { id } } } }`, on: 'their own missions', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ myBids { edges { node { id } } } }`, on: 'their own bids', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ myPayouts { edges { node { id } } } }`, on: 'their own payouts', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ notifications { edges { node { id } } } }`, on: 'their own notifications', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ unreadNotificationCount }`, on: 'their own notifications', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) { unreadNotificationCount } }`, on: "the client's notification of a bid", world: READS,
    variables: async (w) => ({ ids: [await notificationOf(w.cast.client.id)] }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: NOT_FOUND, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: NOT_FOUND, admin: NOT_FOUND } },
  { operation: `{ myIdentityVerification { status } }`, on: 'their own verification', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: noCase, provider: approvedCase, otherClient: noCase, otherProvider: approvedCase, moderator: noCase, admin: noCase } },
  { operation: `{ identityVerificationQueue { edges { node { id } } } }`, on: 'the queue', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ reports { edges { node { id } } } }`, on: 'the open reports', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ moderationLog { edges { node { id } } } }`, on: 'the log', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ moderationGrounds { id } }`, on: 'the grounds of our terms', world: READS, variables: () => ({}),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ myModerationDecisions { edges { node { id } } } }`, on: 'their own statements of reasons', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ moderationContests { edges { node { id } } } }`, on: 'the open contests', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ failedPayouts { edges { node { id mission { id } provider { id } } } } }`, on: 'the failed payouts', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ chargebacks { edges { node { id mission { id } payment { id } } } } }`, on: 'the card chargebacks', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ disputes { edges { node { disputedAt disputeReason mission { id } provider { id } payment { id clientSecret } conversation { id } } } } }`, on: 'the disputes', world: { shared: 'a disputed mission', stage: 'disputed' }, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `query ($id: ID!) { missionLedgerCheck(missionId: $id) }`, on: "a paid mission's books", world: READS, variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `query ($id: ID!) { moderationLog(moderatorId: $id, action: "HIDE_MISSION", targetId: $id) { edges { node { id } } } }`, on: 'the log, filtered', world: READS, variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },

  // ---------------------------------------------------------------- what each one sees
  { operation: `query ($id: ID!) { mission(id: $id) { address exactLocation { latitude longitude } payment { status clientSecret } acceptedBid { id platformFeeCents } } }`,
    on: 'the exact place, the payment and its client secret, the accepted bid, of a paid mission', world: READS, variables: (w) => ({ id: mission(w) }),
    expect: {
      anonymous: hiddenPrivateMission,
      client: { sees: (w) => ({ ...exactPlace, payment: { status: 'SUCCEEDED', clientSecret: expect.stringContaining('_secret_') }, acceptedBid: { id: w.bidId, platformFeeCents: null } }) },
      provider: { sees: (w) => ({ ...exactPlace, payment: { status: 'SUCCEEDED', clientSecret: null }, acceptedBid: { id: w.bidId, platformFeeCents: 1200 } }) },
      otherClient: hiddenPrivateMission, otherProvider: hiddenPrivateMission, moderator: hiddenPrivateMission, admin: hiddenPrivateMission } },
  { operation: `query ($id: ID!) { mission(id: $id) { bidCount bids { edges { node { id platformFeeCents } } } myBid { id } } }`,
    on: 'the sealed bids of an open mission', world: OPEN, variables: (w) => ({ id: mission(w) }),
    expect: {
      anonymous: noBidsSeen,
      client: { sees: (w) => ({ bidCount: 2, bids: { edges: [{ node: { id: w.otherBidId, platformFeeCents: null } }, { node: { id: w.bidId, platformFeeCents: null } }] }, myBid: null }) },
      provider: { sees: (w) => ({ bidCount: 2, bids: { edges: [{ node: { id: w.bidId, platformFeeCents: 1200 } }] }, myBid: { id: w.bidId } }) },
      otherClient: noBidsSeen,
      otherProvider: { sees: (w) => ({ bidCount: 2, bids: { edges: [{ node: { id: w.otherBidId, platformFeeCents: 1300 } }] }, myBid: { id: w.otherBidId } }) },
      moderator: noBidsSeen, admin: noBidsSeen } },
  { operation: `query ($id: ID!) { user(id: $id) { email phone providerProfile { siret } } }`,
    on: "the provider's email, phone and SIRET, once hired by the client", world: READS, variables: (w) => ({ id: w.cast.provider.id }),
    expect: {
      anonymous: privateUser,
      client: { sees: (w) => ({ email: null, phone: w.cast.provider.phone, providerProfile: { siret: null } }) },
      provider: moderatorSeesProvider,
      otherClient: privateUser, otherProvider: privateUser, moderator: moderatorSeesProvider, admin: moderatorSeesProvider } },
  { operation: `query ($id: ID!) { user(id: $id) { email phone } }`,
    on: "the client's email and phone, once they hired the provider", world: READS, variables: (w) => ({ id: w.cast.client.id }),
    expect: {
      anonymous: privateClient, client: moderatorSeesClient,
      provider: { sees: (w) => ({ email: null, phone: w.cast.client.phone }) },
      otherClient: privateClient, otherProvider: privateClient, moderator: moderatorSeesClient, admin: moderatorSeesClient } },
  { operation: `query ($id: ID!) { mission(id: $id) { id } }`, on: 'a mission hidden by a moderator', world: HIDDEN, variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: missionNotSeen, client: missionSeen, provider: missionNotSeen, otherClient: missionNotSeen, otherProvider: missionNotSeen, moderator: missionSeen, admin: missionSeen } },
  { operation: `query ($id: ID!) { mission(id: $id) { ratings { id } myRating { id } } }`, on: 'a mission rated by its client only (double-blind)', world: BLIND, variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: noRatingSeen, client: { sees: (w) => ({ ratings: [], myRating: { id: w.clientRatingId } }) }, provider: noRatingSeen, otherClient: noRatingSeen, otherProvider: noRatingSeen, moderator: noRatingSeen, admin: noRatingSeen } },
  { operation: `query ($id: ID!) { user(id: $id) { ratingsReceived { edges { node { id } } } } }`, on: "the provider's ratings, before the client's is published", world: BLIND, variables: (w) => ({ id: w.cast.provider.id }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },

  // ---------------------------------------------------------------- node(id:) and nodes(ids:), as the types' own queries and fields
  { operation: NODE, on: 'a user (as user(id:))', world: READS, variables: (w) => ({ id: w.cast.provider.id }),
    expect: { anonymous: nodeSeen((w) => w.cast.provider.id), client: nodeSeen((w) => w.cast.provider.id), provider: nodeSeen((w) => w.cast.provider.id), otherClient: nodeSeen((w) => w.cast.provider.id), otherProvider: nodeSeen((w) => w.cast.provider.id), moderator: nodeSeen((w) => w.cast.provider.id), admin: nodeSeen((w) => w.cast.provider.id) } },
  { operation: NODE, on: 'a mission hidden by a moderator (as mission(id:))', world: HIDDEN, variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: missionNotSeen, client: missionSeen, provider: missionNotSeen, otherClient: missionNotSeen, otherProvider: missionNotSeen, moderator: missionSeen, admin: missionSeen } },
  { operation: NODE, on: "the provider's sealed bid on an open mission (as Mission.bids)", world: OPEN, variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: noCase, client: nodeSeen((w) => w.bidId), provider: nodeSeen((w) => w.bidId), otherClient: noCase, otherProvider: noCase, moderator: noCase, admin: noCase } },
  { operation: NODE, on: "the provider's bid on a mission hidden by a moderator", world: HIDDEN, variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: noCase, client: nodeSeen((w) => w.bidId), provider: noCase, otherClient: noCase, otherProvider: noCase, moderator: noCase, admin: noCase } },
  { operation: NODE, on: "the client's rating, not published yet (as Mission.myRating)", world: BLIND, variables: (w) => ({ id: w.clientRatingId }),
    expect: { anonymous: noCase, client: nodeSeen((w) => w.clientRatingId), provider: noCase, otherClient: noCase, otherProvider: noCase, moderator: noCase, admin: noCase } },
  { operation: NODE, on: "the client's published rating (as Mission.ratings)", world: RATED, variables: (w) => ({ id: w.clientRatingId }),
    expect: { anonymous: nodeSeen((w) => w.clientRatingId), client: nodeSeen((w) => w.clientRatingId), provider: nodeSeen((w) => w.clientRatingId), otherClient: nodeSeen((w) => w.clientRatingId), otherProvider: nodeSeen((w) => w.clientRatingId), moderator: nodeSeen((w) => w.clientRatingId), admin: nodeSeen((w) => w.clientRatingId) } },
  { operation: NODE, on: "a stranger's pending identity case (as the queue)", world: A_STRANGERS_CASE, variables: (w) => ({ id: w.verificationId }),
    expect: { anonymous: noCase, client: noCase, provider: noCase, otherClient: noCase, otherProvider: noCase, moderator: nodeSeen((w) => w.verificationId), admin: nodeSeen((w) => w.verificationId) } },
  { operation: NODE, on: "the provider's approved identity case (as myIdentityVerification)", world: READS, variables: async (w) => ({ id: await verificationOf(w.cast.provider.id) }),
    expect: { anonymous: noCase, client: noCase, provider: aNode, otherClient: noCase, otherProvider: noCase, moderator: aNode, admin: aNode } },
  { operation: NODE, on: "the client's notification of a bid (as notifications)", world: READS, variables: async (w) => ({ id: await notificationOf(w.cast.client.id) }),
    expect: { anonymous: noCase, client: aNode, provider: noCase, otherClient: noCase, otherProvider: noCase, moderator: noCase, admin: noCase } },
  { operation: NODE, on: 'the payment of a paid mission (as Mission.payment)', world: READS, variables: async (w) => ({ id: await paymentOfMission(w) }),
    expect: { anonymous: noCase, client: aNode, provider: aNode, otherClient: noCase, otherProvider: noCase, moderator: noCase, admin: noCase } },
  { operation: NODE, on: 'the payout of a completed mission, not FAILED (as Payment.payout and myPayouts)', world: COMPLETED, variables: async (w) => ({ id: await payoutOfMission(w) }),
    expect: { anonymous: noCase, client: aNode, provider: aNode, otherClient: noCase, otherProvider: noCase, moderator: noCase, admin: noCase } },
  { operation: NODE, on: "a document of a stranger's pending case (as IdentityVerification.documents)", world: A_STRANGERS_CASE, variables: async (w) => ({ id: await documentOfCase(w) }),
    expect: { anonymous: noCase, client: noCase, provider: noCase, otherClient: noCase, otherProvider: noCase, moderator: aNode, admin: aNode } },
  { operation: NODE, on: "a moderator's hiding of a mission (as moderationLog)", world: HIDDEN, variables: async (w) => ({ id: await hidingOfMission(w) }),
    expect: { anonymous: noCase, client: noCase, provider: noCase, otherClient: noCase, otherProvider: noCase, moderator: aNode, admin: aNode } },
  { operation: NODE, on: 'an open report about a stranger (as reports)', world: A_REPORT, variables: (w) => ({ id: w.reportId }),
    expect: { anonymous: noCase, client: noCase, provider: noCase, otherClient: noCase, otherProvider: noCase, moderator: nodeSeen((w) => w.reportId), admin: nodeSeen((w) => w.reportId) } },
  { operation: `query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`, on: 'a hidden mission, its bid and an unknown id, in one call', world: HIDDEN,
    variables: (w) => ({ ids: [mission(w), w.bidId, randomUUID()] }),
    expect: {
      anonymous: { sees: () => [null, null, null] },
      client: { sees: (w) => [{ id: w.missionId, __typename: 'Mission' }, { id: w.bidId, __typename: 'Bid' }, null] },
      provider: { sees: () => [null, null, null] }, otherClient: { sees: () => [null, null, null] }, otherProvider: { sees: () => [null, null, null] },
      moderator: { sees: (w) => [{ id: w.missionId, __typename: 'Mission' }, null, null] }, admin: { sees: (w) => [{ id: w.missionId, __typename: 'Mission' }, null, null] } } },

  // ---------------------------------------------------------------- accounts and providers
  { operation: `mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`, on: 'a new email', world: OWN_THINGS, sideBySide: true,
    variables: () => ({ input: aRegistration() }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($input: RegisterInput!) { signUp(input: $input) }`, on: 'a new email', world: OWN_THINGS, sideBySide: true,
    variables: () => ({ input: aRegistration() }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, on: "a user's right credentials", world: OWN_THINGS, sideBySide: true,
    variables: (w) => ({ input: { email: w.stranger!.email, password: w.stranger!.password } }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, on: 'a live refresh token', world: OWN_THINGS, sideBySide: true,
    variables: async (w) => ({ t: await aFreshRefreshToken(w) }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($t: String!) { logout(refreshToken: $t) }`, on: 'a live refresh token', world: OWN_THINGS, sideBySide: true,
    variables: async (w) => ({ t: await aFreshRefreshToken(w) }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($t: String!) { logoutFranceConnect(refreshToken: $t) }`, on: 'a live refresh token of a password sign-in', world: OWN_THINGS, sideBySide: true,
    variables: async (w) => ({ t: await aFreshRefreshToken(w) }),
    expect: { anonymous: noFranceConnectLogout, client: noFranceConnectLogout, provider: noFranceConnectLogout, otherClient: noFranceConnectLogout,
      otherProvider: noFranceConnectLogout, moderator: noFranceConnectLogout, admin: noFranceConnectLogout } },
  { operation: `mutation ($code: String!) { exchangeSignInCode(code: $code) { accessToken } }`, on: "a live FranceConnect sign-in code of a user's", world: OWN_THINGS, sideBySide: true,
    variables: async (w) => ({ code: await aSignInCode(w) }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation { startFranceConnectLink }`, on: 'their own account, FranceConnect not enabled', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation { updateProfile(input: { displayName: "Nom Modifié" }) { displayName } }`, on: 'their own profile', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($t: String!) { verifyEmail(token: $t) }`, on: "a new account's verification link", world: OWN_THINGS, sideBySide: true,
    variables: async () => ({ t: await aLinkToken(AccountTokenPurpose.EMAIL_VERIFICATION) }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation { resendVerificationEmail }`, on: 'their own, already verified, address', world: OWN_THINGS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: CONFLICT, otherClient: CONFLICT, otherProvider: CONFLICT, moderator: CONFLICT, admin: CONFLICT } },
  { operation: `mutation ($email: String!) { requestPasswordReset(email: $email) }`, on: "a user's address", world: OWN_THINGS, sideBySide: true,
    variables: (w) => ({ email: w.stranger!.email }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($t: String!) { resetPassword(token: $t, newPassword: "a brand new passphrase") }`, on: "a new account's reset link", world: OWN_THINGS, sideBySide: true,
    variables: async () => ({ t: await aLinkToken(AccountTokenPurpose.PASSWORD_RESET) }),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation { updateNotificationPreferences(preferences: [{ kind: WELCOME, email: false }]) { kind email } }`, on: 'their own preferences', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($input: ProviderProfileInput!) { upsertProviderProfile(input: $input) { headline siret } }`, on: 'their own provider profile', world: { ownCast: true }, sideBySide: true,
    variables: () => ({ input: aProviderProfileInput() }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation { startPayoutOnboarding(returnUrl: "https://app.example.com/done", refreshUrl: "https://app.example.com/retry") { url } }`, on: 'their own payout account', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `{ billingMandateText { version } }`, on: 'the current billing mandate', world: READS, variables: () => ({}),
    expect: { anonymous: ALLOW, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ myInvoices { edges { node { id } } } }`, on: 'their own invoices', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { contestInvoice(id: $id, reason: "Mon adresse est fausse.") { id } }`, on: 'an invoice of no mission of theirs', world: READS,
    variables: () => ({ id: randomUUID() }),
    expect: { anonymous: UNAUTHENTICATED, client: NOT_FOUND, provider: NOT_FOUND, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: NOT_FOUND, admin: NOT_FOUND } },
  { operation: `mutation ($id: ID!) { reissueInvoice(id: $id) { invoice { id } } }`, on: 'an invoice of no mission of theirs', world: READS,
    variables: () => ({ id: randomUUID() }),
    expect: { anonymous: UNAUTHENTICATED, client: NOT_FOUND, provider: NOT_FOUND, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: NOT_FOUND, admin: NOT_FOUND } },
  { operation: `mutation ($v: String!) { acceptBillingMandate(version: $v) { version } }`, on: 'their own billing mandate', world: OWN_THINGS, sideBySide: true,
    variables: () => ({ v: CURRENT_BILLING_MANDATE.version }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation { revokeBillingMandate { version } }`, on: 'a billing mandate never accepted', world: { ownCast: true }, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: CONFLICT, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($i: UpdateBillingProfileInput!) { updateBillingProfile(input: $i) { fullName } }`, on: 'their own billing profile', world: OWN_THINGS, sideBySide: true,
    variables: () => ({ i: { fullName: 'Camille Martin', addressLine: '5 rue de la Roquette', postcode: '75011', city: 'Paris' } }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },

  // ---------------------------------------------------------------- tax
  { operation: `mutation ($i: UpdateTaxProfileInput!) { updateTaxProfile(input: $i) { vatStatus } }`, on: 'their own tax profile', world: OWN_THINGS, sideBySide: true,
    variables: () => ({ i: { activityType: 'BIC_SERVICES', activityStartedOn: '2024-03-01', vatStatus: 'FRANCHISE', declarationFrequency: 'QUARTERLY', versementLiberatoire: false } }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `query { thresholds(year: 2026) { revenueCents } }`, on: 'their own thresholds', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },

  // ---------------------------------------------------------------- tax reporting
  { operation: `{ myReportingDetails { missing } }`, on: 'their own DAC7 data', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation { updateReportingDetails(input: { birthCity: "Lyon", birthCountryCode: "FR" }) { missing } }`, on: 'their own DAC7 data', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `{ myDac7Statement(year: 2025) { reported } }`, on: 'their own DAC7 statement of an ended year', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `{ urssafDeclaration(period: "2026-Q1") { totalCents } }`, on: 'their own URSSAF figures, without a tax profile', world: { ownCast: true }, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: CONFLICT, moderator: FORBIDDEN, admin: FORBIDDEN } },

  // ---------------------------------------------------------------- earnings
  { operation: `query { earnings(from: "2026-01-01", to: "2026-06-30", granularity: QUARTER) { from netCents } }`, on: 'their own earnings', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation { requestIncomeStatement(from: "2026-01-01", to: "2026-01-31") { id verificationCode } }`, on: 'their own income statement', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `query { verifyIncomeStatement(code: "0000-0000-0000-0000") { providerName } }`, on: 'a code no statement has', world: READS, variables: () => ({}),
    expect: { anonymous: NOT_FOUND, client: NOT_FOUND, provider: NOT_FOUND, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: NOT_FOUND, admin: NOT_FOUND } },

  // ---------------------------------------------------------------- personal data
  { operation: `mutation { requestDataExport { id status } }`, on: 'a copy of their own data', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ myDataExports { id status downloadPath } }`, on: 'their own data exports', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `{ accountDeletionPreview { canDelete blockers { kind } } }`, on: 'their own account', world: READS, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation { deleteMyAccount(password: "not the password of anyone") }`, on: 'their own account, with a wrong password', world: READS,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: BAD_USER_INPUT, provider: BAD_USER_INPUT, otherClient: BAD_USER_INPUT, otherProvider: BAD_USER_INPUT, moderator: BAD_USER_INPUT, admin: BAD_USER_INPUT } },

  // ---------------------------------------------------------------- reputation credentials
  { operation: `mutation { exportReputation { keyId claims { subject { asProvider { count } } } } }`, on: 'their own ratings', world: OWN_THINGS, sideBySide: true,
    variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `query { verifyReputationCredential(credential: "not.a.credential!") { valid } }`, on: 'a string that is no JWS', world: READS, variables: () => ({}),
    expect: { anonymous: BAD_USER_INPUT, client: BAD_USER_INPUT, provider: BAD_USER_INPUT, otherClient: BAD_USER_INPUT, otherProvider: BAD_USER_INPUT, moderator: BAD_USER_INPUT, admin: BAD_USER_INPUT } },

  // ---------------------------------------------------------------- missions
  { operation: `mutation ($input: PostMissionInput!) { postMission(input: $input) { id } }`, on: 'a mission of their own', world: OWN_THINGS, sideBySide: true,
    variables: () => ({ input: aMissionInput() }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { updateMission(id: $id, input: { title: "Monter deux armoires PAX" }) { id } }`, on: 'an open mission without bids', world: { stage: 'posted' },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { updateMission(id: $id, input: { title: "Monter deux armoires PAX" }) { id } }`, on: 'an open mission with bids', world: OPEN,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: ADD_MISSION_PHOTOS, on: 'an open mission without bids', world: { stage: 'posted' },
    variables: async (w, actor) => ({ m: mission(w), p: [await aPhotoToAdd(w, actor)] }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: ADD_MISSION_PHOTOS, on: 'an open mission with bids', world: OPEN,
    variables: (w) => ({ m: mission(w), p: [randomUUID()] }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: REMOVE_MISSION_PHOTO, on: 'an open mission without bids', world: { stage: 'posted' },
    variables: async (w, actor) => ({ m: mission(w), p: await aPhotoOfMission(w, actor) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: REMOVE_MISSION_PHOTO, on: 'an open mission with bids', world: OPEN,
    variables: (w) => ({ m: mission(w), p: randomUUID() }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { cancelMission(id: $id) { status } }`, on: 'an open mission with bids', world: { stage: 'open' },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { cancelMission(id: $id) { status } }`, on: 'an assigned mission', world: { stage: 'assigned' },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { cancelMission(id: $id) { status } }`, on: 'a delivered mission', world: DELIVERED,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { cancelMission(id: $id) { status } }`, on: 'a completed mission', world: COMPLETED,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },

  // ---------------------------------------------------------------- bids
  { operation: `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, on: 'an open mission nobody bid on', world: { stage: 'posted' }, sideBySide: true,
    variables: (w) => ({ input: aBidInput(mission(w)) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, on: 'an open mission both providers bid on already', world: OPEN,
    variables: (w) => ({ input: aBidInput(mission(w)) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: CONFLICT, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, on: 'an assigned mission', world: ASSIGNED,
    variables: (w) => ({ input: aBidInput(mission(w)) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: CONFLICT, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`, on: 'a mission hidden by a moderator', world: HIDDEN,
    variables: (w) => ({ input: aBidInput(mission(w)) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: NOT_FOUND, otherClient: FORBIDDEN, otherProvider: NOT_FOUND, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { updateBid(id: $id, input: { amountCents: 11000 }) { amountCents } }`, on: "the provider's pending bid", world: { stage: 'open' },
    variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { updateBid(id: $id, input: { amountCents: 11000 }) { amountCents } }`, on: "the provider's accepted bid", world: ASSIGNED,
    variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { withdrawBid(id: $id) { status } }`, on: "the provider's pending bid", world: { stage: 'open' },
    variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { withdrawBid(id: $id) { status } }`, on: "the provider's accepted bid", world: ASSIGNED,
    variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { acceptBid(id: $id) { status } }`, on: "the provider's bid on an open mission", world: { stage: 'open' },
    variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { acceptBid(id: $id) { status } }`, on: "the provider's bid on a mission hidden by a moderator", world: HIDDEN,
    variables: (w) => ({ id: w.bidId }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { acceptBid(id: $id) { status } }`, on: "the other provider's declined bid on an assigned mission", world: ASSIGNED,
    variables: (w) => ({ id: w.otherBidId }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },

  // ---------------------------------------------------------------- lifecycle
  { operation: `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`, on: 'a paid mission', world: { stage: 'paid' },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`, on: 'an open mission', world: OPEN,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`, on: 'an assigned mission not paid yet', world: ASSIGNED,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`, on: 'a delivered mission', world: { stage: 'delivered' },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`, on: 'a paid mission not delivered yet', world: READS,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Le travail n'a pas été fait.") { status } }`, on: 'a delivered mission', world: { stage: 'delivered' },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Le travail n'a pas été fait.") { status } }`, on: 'a paid mission not delivered yet', world: READS,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Le travail n'a pas été fait.") { status } }`, on: 'a completed mission', world: COMPLETED,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: PAY_PROVIDER, note: "Travail constaté sur photos.") { status address payment { clientSecret } } }`, on: 'a disputed mission', world: { stage: 'disputed' },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: resolvedByModerator, admin: resolvedByModerator } },
  { operation: `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: REFUND_CLIENT, note: "Aucun litige ouvert.") { status } }`, on: 'a delivered mission nobody disputed', world: DELIVERED,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: CONFLICT, admin: CONFLICT } },

  { operation: `mutation ($id: ID!) { retryPayout(id: $id) { status } }`, on: 'the payout of a completed mission, not FAILED', world: COMPLETED,
    variables: async (w) => ({ id: await payoutOfMission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: CONFLICT, admin: CONFLICT } },

  // ---------------------------------------------------------------- identity
  { operation: `mutation ($input: SubmitIdentityVerificationInput!) { submitIdentityVerification(input: $input) { status } }`, on: 'a document of their own', world: { ownCast: true }, sideBySide: true,
    variables: async (w, actor) => ({ input: aSubmission([actor === 'anonymous' ? randomUUID() : await anUploadedDocument(app, w.cast[actor])]) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: CONFLICT, otherClient: ALLOW, otherProvider: CONFLICT, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { claimIdentityVerification(id: $id) { assignedTo { id } } }`, on: "a stranger's pending case", world: { stranger: 'pendingVerification' },
    variables: (w) => ({ id: w.verificationId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { approveIdentityVerification(id: $id) { status } }`, on: "a stranger's pending case", world: { stranger: 'pendingVerification' },
    variables: (w) => ({ id: w.verificationId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { approveIdentityVerification(id: $id) { status } }`, on: "a stranger's case claimed by the moderator", world: { stranger: 'claimedVerification' },
    variables: (w) => ({ id: w.verificationId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: CONFLICT } },
  { operation: `mutation ($id: ID!, $reason: String!) { rejectIdentityVerification(id: $id, reason: $reason) { status } }`, on: "a stranger's pending case", world: { stranger: 'pendingVerification' },
    variables: (w) => ({ id: w.verificationId, reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },

  // ---------------------------------------------------------------- ratings
  { operation: `mutation ($id: ID!) { rateMission(input: { missionId: $id, score: 5 }) { role } }`, on: 'a completed mission', world: { stage: 'completed' }, sideBySide: true,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { rateMission(input: { missionId: $id, score: 5 }) { role } }`, on: 'a paid mission not completed yet', world: READS,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { rateMission(input: { missionId: $id, score: 5 }) { role } }`, on: 'a mission both sides rated already', world: RATED,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: CONFLICT, provider: CONFLICT, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { replyToRating(ratingId: $id, reply: "Merci beaucoup !") { reply } }`, on: "the client's rating of the provider, not published yet", world: BLIND,
    variables: (w) => ({ id: w.clientRatingId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: NOT_FOUND, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: NOT_FOUND, admin: NOT_FOUND } },
  { operation: `mutation ($id: ID!) { replyToRating(ratingId: $id, reply: "Merci beaucoup !") { reply } }`, on: "the client's published rating of the provider", world: { stage: 'rated' },
    variables: (w) => ({ id: w.clientRatingId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: FORBIDDEN } },

  // ---------------------------------------------------------------- moderation
  { operation: `mutation ($id: ID!) { report(target: USER, targetId: $id, reason: "Demande un paiement hors plateforme.") { status } }`, on: 'a stranger', world: OWN_THINGS, sideBySide: true,
    variables: (w) => ({ id: stranger(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { report(target: MISSION, targetId: $id, reason: "Annonce frauduleuse, prix hors plateforme.") { status } }`, on: 'a mission hidden by a moderator', world: { stage: 'hidden' }, sideBySide: true,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: BAD_USER_INPUT, provider: NOT_FOUND, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!, $reason: String!) { hideRating(id: $id, reason: $reason) { id } }`, on: "the client's published rating of the provider", world: { stage: 'rated' },
    variables: (w) => ({ id: w.clientRatingId, reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!, $reason: String!) { hideMission(id: $id, reason: $reason) { id address payment { id } } }`, on: 'an open mission', world: { stage: 'posted' },
    variables: (w) => ({ id: mission(w), reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: hiddenByModerator, admin: hiddenByModerator } },
  { operation: CONTEST, on: "the hiding of the client's mission", world: { stage: 'hidden' },
    variables: async (w) => ({ id: await decisionOfMission(w), text: 'Ma mission respecte les règles.' }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: NOT_FOUND, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: NOT_FOUND, admin: NOT_FOUND } },
  { operation: `mutation ($id: ID!) { claimModerationContest(id: $id) { status } }`, on: 'a contested hiding, by the moderator who hid', world: { stage: 'hidden' },
    variables: async (w) => ({ id: await contestOfMission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: ALLOW } },
  { operation: `mutation ($id: ID!, $reason: String!) { reviewModerationContest(id: $id, outcome: REVERSE, reason: $reason) { status } }`, on: 'a contested hiding, by the moderator who hid', world: { stage: 'hidden' },
    variables: async (w) => ({ id: await contestOfMission(w), reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: ALLOW } },
  { operation: `mutation ($id: ID!, $reason: String!) { suspendUser(id: $id, reason: $reason) { isSuspended } }`, on: 'a stranger', world: { stranger: 'plain' },
    variables: (w) => ({ id: stranger(w), reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!, $reason: String!) { suspendUser(id: $id, reason: $reason) { isSuspended } }`, on: 'a moderator', world: { stranger: 'moderator' },
    variables: (w) => ({ id: stranger(w), reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { dismissReport(id: $id) { status } }`, on: 'an open report about a stranger', world: { stranger: 'reported' },
    variables: (w) => ({ id: w.reportId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { grantRole(userId: $id, role: MODERATOR) { roles } }`, on: 'a stranger', world: { stranger: 'plain' },
    variables: (w) => ({ id: stranger(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: FORBIDDEN, admin: ALLOW } },

  // ---------------------------------------------------------------- conversations
  { operation: `query ($id: ID!) { conversation(id: $id) { id } }`, on: "a provider's question about an open mission", world: A_CONVERSATION, variables: (w) => ({ id: w.conversationId }),
    expect: { ...PARTICIPANTS_ONLY, client: conversationSeen, provider: conversationSeen } },
  { operation: NODE, on: 'a conversation (as conversation(id:)), before any report', world: A_CONVERSATION, variables: (w) => ({ id: w.conversationId }),
    expect: { anonymous: noCase, client: conversationSeen, provider: conversationSeen, otherClient: noCase, otherProvider: noCase, moderator: noCase, admin: noCase } },
  { operation: `{ myConversations { edges { node { id } } } }`, on: 'their own conversations', world: A_CONVERSATION, variables: () => ({}),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: ALLOW, otherClient: ALLOW, otherProvider: ALLOW, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { sendMessage(missionId: $id, text: "Bonjour, est-ce toujours d'actualité ?") { id } }`, on: 'an open mission', world: { stage: 'open' }, sideBySide: true,
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: ALLOW, moderator: FORBIDDEN, admin: FORBIDDEN } },
  { operation: `mutation ($id: ID!) { sendMessage(conversationId: $id, text: "Je passe samedi ?") { id } }`, on: "a provider's conversation about an open mission", world: { stage: 'open', conversation: 'asked' }, sideBySide: true,
    variables: (w) => ({ id: w.conversationId }), expect: PARTICIPANTS_ONLY },
  { operation: `mutation ($id: ID!) { markConversationRead(conversationId: $id) { id } }`, on: "a provider's conversation about an open mission", world: { stage: 'open', conversation: 'asked' }, sideBySide: true,
    variables: (w) => ({ id: w.conversationId }), expect: PARTICIPANTS_ONLY },
  { operation: `mutation ($id: ID!) { report(target: MESSAGE, targetId: $id, reason: "Demande un paiement hors plateforme.") { status } }`, on: "the provider's question", world: { stage: 'open', conversation: 'asked' },
    variables: (w) => ({ id: w.questionId }),
    expect: { anonymous: UNAUTHENTICATED, client: ALLOW, provider: BAD_USER_INPUT, otherClient: NOT_FOUND, otherProvider: NOT_FOUND, moderator: NOT_FOUND, admin: NOT_FOUND } },
  { operation: `mutation ($id: ID!, $reason: String!) { hideMessage(id: $id, reason: $reason) { id hidden } }`, on: "the provider's question, reported by the client", world: { stage: 'open', conversation: 'reported' },
    variables: (w) => ({ id: w.questionId, reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },

  // ---------------------------------------------------------------- moderators who are a party (the client a moderator, the provider an admin)
  { operation: `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: REFUND_CLIENT, note: "Travail non fait.") { status address payment { clientSecret } } }`, on: 'a dispute between a moderator and an admin', world: { stage: 'disputed', partiesModerate: true },
    variables: (w) => ({ id: mission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: refundedByModerator, admin: refundedByModerator } },
  { operation: `mutation ($id: ID!) { retryPayout(id: $id) { status } }`, on: 'the payout of a mission of a moderator and an admin', world: { stage: 'completed', partiesModerate: true },
    variables: async (w) => ({ id: await payoutOfMission(w) }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: CONFLICT, admin: CONFLICT } },
  { operation: `mutation ($id: ID!, $reason: String!) { hideMission(id: $id, reason: $reason) { id address payment { id } } }`, on: 'a mission of a moderator and an admin', world: { stage: 'assigned', partiesModerate: true },
    variables: (w) => ({ id: mission(w), reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: hiddenByModerator, admin: hiddenByModerator } },
  { operation: `mutation ($id: ID!, $reason: String!) { hideRating(id: $id, reason: $reason) { id } }`, on: "a moderator's rating of an admin", world: { stage: 'rated', partiesModerate: true },
    variables: (w) => ({ id: w.clientRatingId, reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { dismissReport(id: $id) { status } }`, on: "a moderator's report about an admin", world: { partiesModerate: true, report: { by: 'client', about: 'provider' } },
    variables: (w) => ({ id: w.reportId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: FORBIDDEN, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!, $reason: String!) { suspendUser(id: $id, reason: $reason) { isSuspended } }`, on: 'a stranger a moderator reported', world: { partiesModerate: true, stranger: 'plain', report: { by: 'client', about: 'stranger' } },
    variables: (w) => ({ id: stranger(w), reason }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
  { operation: `mutation ($id: ID!) { claimIdentityVerification(id: $id) { assignedTo { id } } }`, on: "a moderator's own pending case", world: { partiesModerate: true, verificationOf: 'client' },
    variables: (w) => ({ id: w.verificationId }),
    expect: { anonymous: UNAUTHENTICATED, client: FORBIDDEN, provider: ALLOW, otherClient: FORBIDDEN, otherProvider: FORBIDDEN, moderator: ALLOW, admin: ALLOW } },
];

// ------------------------------------------------------------------ running the table

const rootFieldOf = (operation: string) =>
  ((parse(operation).definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).name.value;
const isAllowed = (outcome: Outcome) => typeof outcome !== 'string' || outcome === ALLOW;
const describeOutcome = (outcome: Outcome) =>
  outcome === ALLOW
    ? 'is allowed'
    : typeof outcome === 'string'
      ? `is refused with ${outcome} and changes nothing`
      : 'sees what the contract shows them';

/** Refused actors first, then the allowed ones, each on the world it needs: the first shares the refused ones' world. */
function planOf(row: Row, index: number): { actor: Actor; world: string }[] {
  const refused = ACTORS.filter((actor) => !isAllowed(row.expect[actor]));
  const allowed = ACTORS.filter((actor) => isAllowed(row.expect[actor]));
  const worldOf = (n: number) => (row.world.shared ? `shared: ${row.world.shared}` : `row ${index}, world ${n}`);
  return [
    ...refused.map((actor) => ({ actor, world: worldOf(0) })),
    ...allowed.map((actor, n) => ({ actor, world: worldOf(row.sideBySide ? 0 : n) })),
  ];
}

/** Builds the worlds in the order the rows need them, a few at a time, while earlier rows run. */
class Worlds {
  private readonly specs = new Map<string, WorldSpec>();
  private readonly built = new Map<string, Promise<World>>();

  need(key: string, spec: WorldSpec): void {
    if (!this.specs.has(key)) this.specs.set(key, spec);
  }

  buildAll(cast: Cast, atOnce: number): void {
    const keys = [...this.specs.keys()];
    const settle = new Map<string, { resolve: (world: World) => void; reject: (error: unknown) => void }>();
    for (const key of keys) {
      const world = new Promise<World>((resolve, reject) => settle.set(key, { resolve, reject }));
      world.catch(() => undefined); // reported by the rows that need it
      this.built.set(key, world);
    }
    let next = 0;
    const builder = async () => {
      while (next < keys.length) {
        const key = keys[next++];
        const { resolve, reject } = settle.get(key)!;
        await aWorld(app, cast, this.specs.get(key)!).then(resolve, reject);
      }
    };
    for (let i = 0; i < atOnce; i++) void builder();
  }

  get(key: string): Promise<World> {
    return this.built.get(key)!;
  }
}

describe('the authorization matrix: every operation of the contract, as every actor', () => {
  const worlds = new Worlds();
  const plans = ROWS.map((row, index) => planOf(row, index));
  ROWS.forEach((row, index) => plans[index].forEach(({ world }) => worlds.need(world, row.world)));
  let stateQuery: string;
  let neighboursQuery: string;
  /** The last state seen of each world, while nothing allowed has run on it since. */
  const knownStates = new Map<World, unknown>();

  /**
   * Every row, in every public table, that references one of the world's own ids in a uuid column,
   * or the id of a row that does (a payment's payout, a report's moderation action): a refused call
   * must leave them exactly as they were.
   */
  const stateOf = async (world: World): Promise<unknown> => {
    const ids = idsOf(world);
    if (ids.length === 0) return null;
    const neighbours: { id: string }[] = await app.dataSource.query(neighboursQuery, [ids]);
    return app.dataSource.query(stateQuery, [[...ids, ...neighbours.map((row) => row.id)]]);
  };

  beforeAll(async () => {
    app = await TestApp.start();
    const columns: { table_name: string; column_name: string }[] = await app.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'uuid' ORDER BY table_name, column_name`,
    );
    const tables = [...new Set(columns.map((column) => column.table_name))];
    const referencing = (table: string) =>
      columns
        .filter((column) => column.table_name === table)
        .map((column) => `"${column.column_name}" = ANY($1::uuid[])`)
        .join(' OR ');
    stateQuery = tables
      .map(
        (table) => `SELECT '${table}' AS name, count(*)::int AS n, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS digest
          FROM "${table}" r WHERE ${referencing(table)}`,
      )
      .join(' UNION ALL ');
    neighboursQuery = tables
      .filter((table) => columns.some((column) => column.table_name === table && column.column_name === 'id'))
      .map((table) => `SELECT id FROM "${table}" WHERE ${referencing(table)}`)
      .join(' UNION ');
    worlds.buildAll(await aCast(app), 4);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('covers every query and mutation of the schema', () => {
    const covered = new Set(ROWS.map((row) => rootFieldOf(row.operation)));
    const schema = buildSchema(readFileSync(join(__dirname, '../apps/api/schema.gql'), 'utf8'));
    const operations = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
    expect(operations.filter((name) => !covered.has(name))).toEqual([]);
  });

  ROWS.forEach((row, index) => {
    const field = rootFieldOf(row.operation);
    describe(`${field} on ${row.on}`, () => {
      for (const { actor, world: key } of plans[index]) {
        const outcome = row.expect[actor];
        it(`as ${actor} ${describeOutcome(outcome)}`, async () => {
          const world = await worlds.get(key);
          const variables = await row.variables(world, actor);
          const token = actor === 'anonymous' ? undefined : world.cast[actor].accessToken;
          if (typeof outcome === 'string' && outcome !== ALLOW) {
            const before = knownStates.get(world) ?? (await stateOf(world));
            const response = await app.graphql(row.operation, variables, token);
            expect(errorCodes(response)).toEqual([outcome]);
            expect(response.data?.[field] ?? null).toBeNull();
            const after = await stateOf(world);
            knownStates.set(world, after);
            expect(after).toEqual(before);
            return;
          }
          knownStates.delete(world);
          const response = await app.graphql(row.operation, variables, token);
          expect(response.errors).toBeUndefined();
          if (typeof outcome === 'string') expect(response.data?.[field]).toEqual(expect.anything());
          else expect(response.data?.[field]).toEqual(outcome.sees(world, actor));
        });
      }
    });
  });
});
