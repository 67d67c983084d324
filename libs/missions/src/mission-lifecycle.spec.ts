import { canTransition } from './mission-lifecycle';
import { MissionStatus } from './mission.entity';

const { OPEN, ASSIGNED, DELIVERED, COMPLETED, DISPUTED, CANCELLED } = MissionStatus;

describe('mission lifecycle', () => {
  it('allows the transitions of SPEC §7', () => {
    const allowed: [MissionStatus, MissionStatus][] = [
      [OPEN, ASSIGNED],
      [OPEN, CANCELLED],
      [ASSIGNED, DELIVERED],
      [ASSIGNED, CANCELLED],
      [ASSIGNED, OPEN],
      [DELIVERED, COMPLETED],
      [DELIVERED, DISPUTED],
      [DISPUTED, COMPLETED],
      [DISPUTED, CANCELLED],
    ];
    for (const [from, to] of allowed) expect(canTransition(from, to)).toBe(true);
  });

  it('refuses everything else: completed and cancelled missions are final', () => {
    for (const to of Object.values(MissionStatus)) {
      expect(canTransition(COMPLETED, to)).toBe(false);
      expect(canTransition(CANCELLED, to)).toBe(false);
    }
    expect(canTransition(OPEN, DELIVERED)).toBe(false);
    expect(canTransition(ASSIGNED, COMPLETED)).toBe(false);
    expect(canTransition(DELIVERED, CANCELLED)).toBe(false);
    expect(canTransition(DELIVERED, OPEN)).toBe(false);
    expect(canTransition(DISPUTED, DELIVERED)).toBe(false);
  });
});
