import { PURGE_IDENTITY_DOCUMENTS } from '@marketplace/identity';
import { definedJobs } from '@marketplace/jobs';
import { SEND_EMAIL } from '@marketplace/notifications';
import { AUTO_COMPLETE_MISSION } from '@marketplace/missions';
import { TRANSFER_PAYOUT } from '@marketplace/payments';
import { PUBLISH_RATINGS } from '@marketplace/ratings';
import { aProvider } from './support/marketplace.builders';
import { aCompletedMission, onboard } from './support/payments.builders';
import { TestApp } from './support/test-app';

const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id } }`;

describe('the attempts of a job', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('are the ones its definition gives, for every job a mission from identity check to first rating queues', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    const mission = await aCompletedMission(app, provider);
    const rated = await app.graphql(RATE, { input: { missionId: mission.missionId, score: 5 } }, mission.client.accessToken);
    expect(rated.errors).toBeUndefined();

    const queued: { name: string; maxAttempts: number }[] = await app.dataSource.query(
      `SELECT DISTINCT task_identifier AS name, max_attempts AS "maxAttempts" FROM graphile_worker.jobs ORDER BY name`,
    );
    const definitionOf = (name: string) => definedJobs().find((job) => job.name === name)!;
    const fromConfig: Record<string, number> = {
      [TRANSFER_PAYOUT.name]: app.config.payoutMaxAttempts,
      [SEND_EMAIL.name]: app.config.email.maxAttempts,
    };
    const attemptsOf = (name: string) => fromConfig[name] ?? definitionOf(name).maxAttempts;
    expect(queued.map(({ name }) => name)).toEqual(
      expect.arrayContaining([PURGE_IDENTITY_DOCUMENTS.name, AUTO_COMPLETE_MISSION.name, TRANSFER_PAYOUT.name, PUBLISH_RATINGS.name]),
    );
    expect(queued).toEqual(queued.map(({ name }) => ({ name, maxAttempts: attemptsOf(name) })));
  });
});
