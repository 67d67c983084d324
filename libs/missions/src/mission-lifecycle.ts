import { MissionStatus } from './mission.entity';

/**
 * The one list of a mission's allowed transitions (SPEC §7). Who may make each one, and on what
 * conditions (a payment received…), is checked by the service that drives it.
 *
 *   OPEN ──acceptBid──▶ ASSIGNED ──markMissionDelivered──▶ DELIVERED ──confirm | auto──▶ COMPLETED
 *   OPEN | ASSIGNED ──cancelMission──▶ CANCELLED        DELIVERED ──openDispute──▶ DISPUTED
 *   ASSIGNED ──unpaid after PAYMENT_DUE_HOURS──▶ OPEN
 *   DISPUTED ──resolveDispute──▶ COMPLETED | CANCELLED
 */
export const MISSION_TRANSITIONS: Readonly<Record<MissionStatus, readonly MissionStatus[]>> = {
  [MissionStatus.OPEN]: [MissionStatus.ASSIGNED, MissionStatus.CANCELLED],
  [MissionStatus.ASSIGNED]: [MissionStatus.DELIVERED, MissionStatus.CANCELLED, MissionStatus.OPEN],
  [MissionStatus.DELIVERED]: [MissionStatus.COMPLETED, MissionStatus.DISPUTED],
  [MissionStatus.DISPUTED]: [MissionStatus.COMPLETED, MissionStatus.CANCELLED],
  [MissionStatus.COMPLETED]: [],
  [MissionStatus.CANCELLED]: [],
};

export function canTransition(from: MissionStatus, to: MissionStatus): boolean {
  return MISSION_TRANSITIONS[from].includes(to);
}
