/**
 * The lifecycle table, taken step by step on the real database: every step of MISSION_STEPS, from
 * every state, by every kind of actor. What it must do is read from the table itself, so a row
 * changed there is proven here: FORBIDDEN for whoever the row does not name, CONFLICT from a state
 * it does not start from, and otherwise the row's target state and columns; a refusal changes
 * nothing. Preconditions are met (a received payment, a due auto-completion…); their refusals are
 * proven by the journeys.
 */
import { ForbiddenError, ConflictError, Role, Viewer } from '@marketplace/common';
import {
  Mission,
  MISSION_STEPS,
  MissionActor,
  MissionLifecycle,
  MissionsService,
  MissionStatus,
  MissionStep,
  StepInputs,
  StepTaker,
} from '@marketplace/missions';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { aSignedInUser } from './support/accounts.builders';
import { aMissionInput } from './support/marketplace.builders';
import { TestApp } from './support/test-app';

type Taker = 'client' | 'assigned provider' | 'another user' | 'a moderator' | 'the platform';
const TAKERS: Taker[] = ['client', 'assigned provider', 'another user', 'a moderator', 'the platform'];
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

describe('the mission lifecycle table, every step × every state × every actor', () => {
  let app: TestApp;
  let lifecycle: MissionLifecycle;
  const people = {} as Record<'client' | 'provider' | 'other' | 'moderator', Viewer>;
  beforeAll(async () => {
    app = await TestApp.start();
    lifecycle = app.app.get(MissionLifecycle);
    for (const name of ['client', 'provider', 'other', 'moderator'] as const) {
      const user = await aSignedInUser(app);
      people[name] = { id: user.id, roles: name === 'moderator' ? [Role.CLIENT, Role.MODERATOR] : [Role.CLIENT] };
    }
  });
  afterAll(() => app.close());

  const takerOf = (taker: Taker): StepTaker =>
    (
      ({
        client: people.client,
        'assigned provider': people.provider,
        'another user': people.other,
        'a moderator': people.moderator,
        'the platform': MissionActor.PLATFORM,
      }) satisfies Record<Taker, StepTaker>
    )[taker];
  const named = (step: MissionStep, taker: Taker, status: MissionStatus): boolean => {
    const actors = MISSION_STEPS[step].actors;
    if (taker === 'client') return actors.includes(MissionActor.CLIENT);
    if (taker === 'assigned provider') return actors.includes(MissionActor.ASSIGNED_PROVIDER) && status !== MissionStatus.OPEN;
    if (taker === 'a moderator') return actors.includes(MissionActor.MODERATOR);
    if (taker === 'the platform') return actors.includes(MissionActor.PLATFORM);
    return false;
  };

  /** A mission in `status`, with what each step's precondition asks for. */
  async function aMissionIn(status: MissionStatus): Promise<Mission> {
    const posted = await app.app
      .get(MissionsService)
      .post(people.client, aMissionInput() as unknown as Parameters<MissionsService['post']>[1]);
    const assigned = status !== MissionStatus.OPEN;
    await app.dataSource.manager.update(
      Mission,
      { id: posted.id },
      {
        status,
        assignedProviderId: assigned ? people.provider.id : null,
        acceptedBidId: assigned ? randomUUID() : null,
        bidCount: assigned ? 1 : 0,
        paymentReceivedAt: null,
        deliveredAt: [MissionStatus.DELIVERED, MissionStatus.DISPUTED, MissionStatus.COMPLETED].includes(status) ? LONG_AGO : null,
      },
    );
    return app.dataSource.manager.findOneByOrFail(Mission, { id: posted.id });
  }

  function inputOf<S extends MissionStep>(step: S, mission: Mission): StepInputs[S] {
    const inputs: { [T in MissionStep]: StepInputs[T] } = {
      [MissionStep.ACCEPT]: {
        missionId: mission.id,
        clientId: mission.clientId,
        bidId: randomUUID(),
        providerId: people.provider.id,
        amountCents: 12_000,
      },
      [MissionStep.CANCEL]: { reason: 'Plus besoin' },
      [MissionStep.WITHDRAW_WITH_SUSPENSION]: { reason: 'Compte suspendu' },
      [MissionStep.LAPSE]: { bidId: mission.acceptedBidId ?? randomUUID() },
      [MissionStep.DELIVER]: {},
      [MissionStep.CONFIRM]: {},
      [MissionStep.AUTO_COMPLETE]: {},
      [MissionStep.DISPUTE]: { reason: 'Le travail est incomplet.' },
      [MissionStep.RESOLVE_FOR_PROVIDER]: { note: 'Photos à l’appui' },
      [MissionStep.RESOLVE_FOR_CLIENT]: { note: 'Rien n’a été fait' },
      [MissionStep.RESOLVE_WITH_SPLIT]: { note: 'Moitié faite', refundCents: 1 },
    };
    return inputs[step];
  }

  const cases = Object.values(MissionStep).flatMap((step) =>
    Object.values(MissionStatus).flatMap((status) => TAKERS.map((taker) => [step, status, taker] as const)),
  );

  it(`takes each of the ${cases.length} cases as the table says`, async () => {
    const wrong: string[] = [];
    for (const [step, status, taker] of cases) {
      const mission = await aMissionIn(status);
      if (step === MissionStep.DELIVER) await app.dataSource.manager.update(Mission, { id: mission.id }, { paymentReceivedAt: LONG_AGO });
      const before = await app.dataSource.manager.findOneByOrFail(Mission, { id: mission.id });
      const rule = MISSION_STEPS[step];
      const input = inputOf(step, before);
      const takes = !named(step, taker, status) ? 'FORBIDDEN' : rule.from.includes(status) ? rule.to : 'CONFLICT';
      // The payments domain, hearing the outcome, refuses a split of a payment that was never made (these missions have none).
      const expected = step === MissionStep.RESOLVE_WITH_SPLIT && takes === rule.to ? 'CONFLICT' : takes;
      const outcome = await app.dataSource
        .transaction((manager: EntityManager) => lifecycle.take(manager, step, mission.id, takerOf(taker), input))
        .then(
          (after) => after.status as string,
          (error: unknown) => {
            if (error instanceof ForbiddenError) return 'FORBIDDEN';
            if (error instanceof ConflictError) return 'CONFLICT';
            throw error;
          },
        );
      const after = await app.dataSource.manager.findOneByOrFail(Mission, { id: mission.id });
      const changed = expected === 'FORBIDDEN' || expected === 'CONFLICT' ? !sameRow(before, after) : after.status !== rule.to;
      if (outcome !== expected || changed) wrong.push(`${step} from ${status} by ${taker}: ${outcome}, expected ${expected}`);
      if (outcome === rule.to) {
        const columns = rule.sets(before, input as never, after.updatedAt);
        for (const [column, value] of Object.entries(columns)) {
          const actual = (after as unknown as Record<string, unknown>)[column];
          if (!(value instanceof Date ? actual instanceof Date : actual === value))
            wrong.push(`${step} from ${status}: ${column} is ${String(actual)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

function sameRow(a: Mission, b: Mission): boolean {
  return JSON.stringify({ ...a, updatedAt: null }) === JSON.stringify({ ...b, updatedAt: null });
}
