/**
 * Missions a provider is paid for on a chosen day: the ledger writes its entries at the database's
 * time, so a journey spread over months moves them (and the payout's creation) to that day after
 * the fact, as if the months had passed.
 */
import { SignedInUser } from './accounts.builders';
import { aBid, aMission } from './marketplace.builders';
import { AssignedMission, pay } from './payments.builders';
import { TestApp } from './test-app';

/** Posted by a new client, bid on by the provider at that price (and estimate), accepted, paid and delivered. */
export async function aDeliveredMissionFor(
  app: TestApp,
  provider: SignedInUser,
  client: SignedInUser,
  bid: { amountCents: number; estimatedHours: number | null },
): Promise<AssignedMission> {
  const missionId = await aMission(app, client);
  const bidId = await aBid(app, provider, missionId, bid);
  const accepted = await app.graphql(`mutation ($id: ID!) { acceptBid(id: $id) { id } }`, { id: bidId }, client.accessToken);
  if (accepted.errors) throw new Error(`acceptBid failed: ${JSON.stringify(accepted.errors)}`);
  const mission = { client, provider, missionId, bidId };
  await pay(app, mission);
  const delivered = await app.graphql(
    `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`,
    { id: missionId },
    provider.accessToken,
  );
  if (delivered.errors) throw new Error(`markMissionDelivered failed: ${JSON.stringify(delivered.errors)}`);
  return mission;
}

/** The mission's payout, and its PAYOUT movement in the ledger if it was made, dated `at`. */
export async function paidOutAt(app: TestApp, missionId: string, at: string): Promise<void> {
  await app.dataSource.query(`UPDATE ledger_entries SET created_at = $2 WHERE mission_id = $1 AND movement = 'PAYOUT'`, [missionId, at]);
  await app.dataSource.query(`UPDATE payouts SET created_at = $2 WHERE mission_id = $1`, [missionId, at]);
}
