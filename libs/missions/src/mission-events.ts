import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Mission } from './mission.entity';

/** Cancelled by its client or provider, withdrawn with a suspension, or its dispute settled for the client. */
export type MissionCancelledListener = (manager: EntityManager, mission: Mission) => Promise<void>;

/** Confirmed, completed by itself, or its dispute settled for the provider or with a split (`disputeRefundCents`). */
export type MissionCompletedListener = (manager: EntityManager, mission: Mission) => Promise<void>;

/** The mission and the bid accepted for it, as acceptBid hands them over. */
export interface Assignment {
  missionId: string;
  clientId: string;
  bidId: string;
  providerId: string;
  amountCents: number;
}

export type MissionAssignedListener = (manager: EntityManager, mission: Mission, assignment: Assignment) => Promise<void>;

/** The acceptance of `bidId` lapsed unpaid: the mission is OPEN again. */
export type AcceptanceLapsedListener = (manager: EntityManager, mission: Mission, bidId: string) => Promise<void>;

/** After the assignment's commit, outside any transaction: for slow calls out (Stripe) that must not hold the mission's lock. */
export type AssignmentCommittedListener = (mission: Mission) => Promise<void>;

/**
 * What other domains do when a mission takes a step (see MISSION_STEPS' outcomes), run inside the
 * transaction of the step so that both commit or neither does (bids are declined with the mission
 * they were for, a payment is created with the assignment, a refund is queued with a paid
 * mission's cancellation, the payout with its completion); a listener that throws refuses the step. Libraries
 * higher in the dependency order subscribe when their module starts; missions never imports them.
 */
@Injectable()
export class MissionEvents {
  private readonly cancelledListeners: MissionCancelledListener[] = [];
  private readonly assignedListeners: MissionAssignedListener[] = [];
  private readonly assignmentCommittedListeners: AssignmentCommittedListener[] = [];
  private readonly acceptanceLapsedListeners: AcceptanceLapsedListener[] = [];
  private readonly completedListeners: MissionCompletedListener[] = [];

  onCancelled(listener: MissionCancelledListener): void {
    this.cancelledListeners.push(listener);
  }

  async cancelled(manager: EntityManager, mission: Mission): Promise<void> {
    for (const listener of this.cancelledListeners) await listener(manager, mission);
  }

  onCompleted(listener: MissionCompletedListener): void {
    this.completedListeners.push(listener);
  }

  async completed(manager: EntityManager, mission: Mission): Promise<void> {
    for (const listener of this.completedListeners) await listener(manager, mission);
  }

  onAssigned(listener: MissionAssignedListener): void {
    this.assignedListeners.push(listener);
  }

  async assigned(manager: EntityManager, mission: Mission, assignment: Assignment): Promise<void> {
    for (const listener of this.assignedListeners) await listener(manager, mission, assignment);
  }

  onAssignmentCommitted(listener: AssignmentCommittedListener): void {
    this.assignmentCommittedListeners.push(listener);
  }

  /** Listeners do not throw: what they do after the commit is backed by a job queued in the transaction. */
  async assignmentCommitted(mission: Mission): Promise<void> {
    for (const listener of this.assignmentCommittedListeners) await listener(mission);
  }

  onAcceptanceLapsed(listener: AcceptanceLapsedListener): void {
    this.acceptanceLapsedListeners.push(listener);
  }

  async acceptanceLapsed(manager: EntityManager, mission: Mission, bidId: string): Promise<void> {
    for (const listener of this.acceptanceLapsedListeners) await listener(manager, mission, bidId);
  }
}
