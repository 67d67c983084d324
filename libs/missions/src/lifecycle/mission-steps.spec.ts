import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissionStatus } from '../mission.entity';
import { lifecycleTable, MISSION_STEPS, MissionActor, MissionStep, transitionsFrom } from './mission-steps';

const { OPEN, ASSIGNED, DELIVERED, DISPUTED, COMPLETED, CANCELLED } = MissionStatus;

describe('the mission lifecycle table', () => {
  it('allows exactly the transitions of SPEC §7', () => {
    expect(Object.fromEntries(Object.values(MissionStatus).map((status) => [status, transitionsFrom(status).sort()]))).toEqual({
      [OPEN]: [ASSIGNED, CANCELLED].sort(),
      [ASSIGNED]: [CANCELLED, DELIVERED, OPEN].sort(),
      [DELIVERED]: [COMPLETED, DISPUTED].sort(),
      [DISPUTED]: [CANCELLED, COMPLETED].sort(),
      [COMPLETED]: [],
      [CANCELLED]: [],
    });
  });

  it('names who takes each step', () => {
    const actors = Object.fromEntries(Object.entries(MISSION_STEPS).map(([step, rule]) => [step, rule.actors]));
    expect(actors).toEqual({
      [MissionStep.ACCEPT]: [MissionActor.CLIENT],
      [MissionStep.CANCEL]: [MissionActor.CLIENT, MissionActor.ASSIGNED_PROVIDER],
      [MissionStep.WITHDRAW_WITH_SUSPENSION]: [MissionActor.PLATFORM],
      [MissionStep.LAPSE]: [MissionActor.PLATFORM],
      [MissionStep.DELIVER]: [MissionActor.ASSIGNED_PROVIDER],
      [MissionStep.CONFIRM]: [MissionActor.CLIENT],
      [MissionStep.AUTO_COMPLETE]: [MissionActor.PLATFORM],
      [MissionStep.DISPUTE]: [MissionActor.CLIENT],
      [MissionStep.RESOLVE_FOR_PROVIDER]: [MissionActor.MODERATOR],
      [MissionStep.RESOLVE_FOR_CLIENT]: [MissionActor.MODERATOR],
      [MissionStep.RESOLVE_WITH_SPLIT]: [MissionActor.MODERATOR],
    });
  });

  it('is the table docs/lifecycle.md shows', () => {
    // Markdown tables as a formatter may align them: cells compared without their padding.
    const cells = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) => line.replace(/ *\| */g, '|').replace(/-{3,}/g, '---'));
    expect(cells(readFileSync(join(__dirname, '../../../../docs/lifecycle.md'), 'utf8'))).toEqual(cells(lifecycleTable()));
  });
});
