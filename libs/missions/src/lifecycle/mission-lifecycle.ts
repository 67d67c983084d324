import { Clock, isModerator, NotFoundError, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { DEFAULT_GROUNDS, ModerationDecisionKind, ModerationDecisionsService } from '@marketplace/moderation-decisions';
import { ModerationLog } from '@marketplace/moderation-log';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Mission, MissionStatus } from '../mission.entity';
import { MissionEvents } from '../mission-events';
import { MissionNotices } from '../mission-notices';
import { MissionUpdates } from '../mission-updates';
import { MissionStateError, PartyToMissionError } from '../missions.errors';
import { NotStepActorError, SplitRefundError } from './lifecycle.errors';
import {
  autoCompletionDue,
  DisputeResolution,
  MISSION_STEPS,
  MissionActor,
  MissionStep,
  RESOLUTION_STEPS,
  SETTLED_AGAINST,
  settlementFacts,
  StepInputs,
  StepRule,
} from './mission-steps';

export const AUTO_COMPLETE_MISSION = defineJob<{ missionId: string }>('missions:auto-complete', { maxAttempts: 10 });

/** The users a settlement goes against (SETTLED_AGAINST). */
function partiesSettledAgainst(mission: Mission, resolution: DisputeResolution): string[] {
  const partyIds = { [MissionActor.CLIENT]: mission.clientId, [MissionActor.ASSIGNED_PROVIDER]: mission.assignedProviderId! };
  return SETTLED_AGAINST[resolution].map((party) => partyIds[party]);
}

/** Who takes a step: a signed-in user, or the platform itself (a job, a suspension). */
export type StepTaker = Viewer | typeof MissionActor.PLATFORM;

const WHO: Record<MissionActor, string> = {
  [MissionActor.CLIENT]: 'the client of this mission',
  [MissionActor.ASSIGNED_PROVIDER]: 'the provider assigned to this mission',
  [MissionActor.MODERATOR]: 'a moderator who is not a party to this mission',
  [MissionActor.PLATFORM]: 'the platform',
};

/** A step's input, or how to make it once the mission is locked (acceptBid reads the bid's amount under the lock). */
type InputOf<S extends MissionStep> = StepInputs[S] | ((mission: Mission) => Promise<StepInputs[S]>);

/**
 * The mission lifecycle: every step of MISSION_STEPS taken the one way — lock the mission, check
 * who acts, from which state and what else must hold, update it conditionally, log a moderator's
 * step, and tell the other domains (MissionEvents), missionUpdated's subscribers and the parties (notifications) in the same
 * transaction. Each step the API
 * offers is a named method here.
 */
@Injectable()
export class MissionLifecycle {
  constructor(
    private readonly events: MissionEvents,
    private readonly notices: MissionNotices,
    private readonly updates: MissionUpdates,
    private readonly moderationLog: ModerationLog,
    private readonly decisions: ModerationDecisionsService,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The client or the assigned provider calls the mission off: pending bids declined, a payment refunded or its intent canceled. */
  cancel(viewer: Viewer, missionId: string, reason: string | null): Promise<Mission> {
    return this.transactions.run((manager) => this.take(manager, MissionStep.CANCEL, missionId, viewer, { reason }));
  }

  /** The assigned provider says the work is done, once the client's payment has been received. */
  markDelivered(provider: Viewer, missionId: string): Promise<Mission> {
    return this.transactions.run((manager) => this.take(manager, MissionStep.DELIVER, missionId, provider, {}));
  }

  /** The client confirms the work: the mission completes and the provider's payout goes. */
  confirmCompletion(client: Viewer, missionId: string): Promise<Mission> {
    return this.transactions.run((manager) => this.take(manager, MissionStep.CONFIRM, missionId, client, {}));
  }

  /** The client disputes a delivery: the payout waits for a moderator. */
  openDispute(client: Viewer, missionId: string, reason: string): Promise<Mission> {
    return this.transactions.run((manager) => this.take(manager, MissionStep.DISPUTE, missionId, client, { reason }));
  }

  /**
   * A moderator who is not a party settles a dispute: the provider is paid (COMPLETED), the client
   * refunded (CANCELLED), or a split: `refundCents` back to the client and the rest to the provider
   * (COMPLETED); the payments domain moves the money as it hears the outcome, in this transaction.
   * Each party it goes against (both for a split) gets a statement of reasons citing `groundId`,
   * and no other notice of it; the party it favours is told DISPUTE_SETTLED (the table's `tells`).
   */
  resolveDispute(
    moderator: Viewer,
    missionId: string,
    resolution: DisputeResolution,
    note: string,
    refundCents: number | null = null,
    groundId: string = DEFAULT_GROUNDS.DISPUTE_SETTLED,
  ): Promise<Mission> {
    if ((resolution === DisputeResolution.SPLIT) !== (refundCents !== null)) throw new SplitRefundError(resolution);
    return this.transactions.run(async (manager) => {
      const mission = await (refundCents === null
        ? this.take(manager, RESOLUTION_STEPS[resolution as Exclude<DisputeResolution, DisputeResolution.SPLIT>], missionId, moderator, {
            note,
          })
        : this.take(manager, MissionStep.RESOLVE_WITH_SPLIT, missionId, moderator, { note, refundCents }));
      for (const userId of partiesSettledAgainst(mission, resolution)) {
        await this.decisions.issue(manager, {
          userId,
          kind: ModerationDecisionKind.DISPUTE_SETTLED,
          facts: note,
          groundId,
          automated: false,
          targetType: 'MISSION',
          targetId: mission.id,
          moderatorId: moderator.id,
          notice: { missionId: mission.id, facts: { missionTitle: mission.title, ...settlementFacts(mission, { note }) } },
        });
      }
      return mission;
    });
  }

  /** The auto-completion job: a delivery nobody disputed within AUTO_COMPLETE_DAYS completes by itself; run early, it waits again. */
  completeIfUndisputed(missionId: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      if (await this.takeIfStillDue(manager, MissionStep.AUTO_COMPLETE, missionId, {})) return true;
      const mission = await manager.findOneBy(Mission, { id: missionId });
      if (mission?.status === MissionStatus.DELIVERED) await this.scheduleAutoCompletion(manager, mission);
      return false;
    });
  }

  /** A suspended client's open missions are withdrawn (their bids declined), in the suspension's transaction. */
  async withdrawOpenMissionsOf(manager: EntityManager, clientId: string, reason: string): Promise<number> {
    const open = await manager.find(Mission, { where: { clientId, status: MissionStatus.OPEN }, order: { id: 'ASC' } });
    let withdrawn = 0;
    for (const { id } of open) {
      if (await this.takeIfStillDue(manager, MissionStep.WITHDRAW_WITH_SUSPENSION, id, { reason })) withdrawn++;
    }
    return withdrawn;
  }

  /**
   * Takes a step in the caller's transaction: FORBIDDEN when the taker is not one of the step's
   * actors, CONFLICT when the mission is in a state the step does not start from or its
   * precondition does not hold (that precondition's own error).
   */
  async take<S extends MissionStep>(
    manager: EntityManager,
    step: S,
    missionId: string,
    taker: StepTaker,
    input: InputOf<S>,
  ): Promise<Mission> {
    const rule: StepRule<S> = MISSION_STEPS[step];
    const mission = await this.lock(manager, missionId);
    this.assertActor(rule, mission, taker);
    if (!rule.from.includes(mission.status)) throw new MissionStateError(mission.status, rule.done);
    const given = typeof input === 'function' ? await input(mission) : input;
    if (rule.precondition && !rule.precondition.holds(mission, given, this.context())) throw rule.precondition.refused();
    return this.move(manager, rule, mission, taker, given);
  }

  /** For the platform's own steps (jobs): the mission after the step, or null when another step came first or it is not due. */
  async takeIfStillDue<S extends MissionStep>(
    manager: EntityManager,
    step: S,
    missionId: string,
    input: StepInputs[S],
  ): Promise<Mission | null> {
    const rule: StepRule<S> = MISSION_STEPS[step];
    const mission = await this.lock(manager, missionId);
    this.assertActor(rule, mission, MissionActor.PLATFORM);
    if (!rule.from.includes(mission.status)) return null;
    if (rule.precondition && !rule.precondition.holds(mission, input, this.context())) return null;
    return this.move(manager, rule, mission, MissionActor.PLATFORM, input);
  }

  /** The step itself, on the locked mission whose checks passed: conditional update, log, outcome, notifications. */
  private async move<S extends MissionStep>(
    manager: EntityManager,
    rule: StepRule<S>,
    mission: Mission,
    taker: StepTaker,
    given: StepInputs[S],
  ): Promise<Mission> {
    const now = this.clock.now();
    const moved = await manager.update(
      Mission,
      { id: mission.id, status: mission.status },
      { ...rule.sets(mission, given, now), status: rule.to },
    );
    if (moved.affected === 0) throw new MissionStateError(mission.status, rule.done);
    const after = await manager.findOneByOrFail(Mission, { id: mission.id });
    if (rule.logged && taker !== MissionActor.PLATFORM) {
      await this.moderationLog.record(manager, {
        moderatorId: taker.id,
        action: 'RESOLVE_DISPUTE',
        targetId: mission.id,
        reason: rule.logged(given),
      });
    }
    await this.tellOutcome(manager, rule, after, given);
    await this.updates.published(manager, mission.id);
    if (rule.tells) {
      const partyIds = { [MissionActor.CLIENT]: after.clientId, [MissionActor.ASSIGNED_PROVIDER]: after.assignedProviderId };
      const userIds = rule.tells.to.map((party) => partyIds[party]).filter((id): id is string => id !== null);
      await this.notices.tell(manager, after, rule.tells.kind, userIds, { facts: rule.tells.facts?.(after, given) });
    }
    return after;
  }

  private assertActor<S extends MissionStep>(rule: StepRule<S>, mission: Mission, taker: StepTaker): void {
    const isParty = taker !== MissionActor.PLATFORM && (taker.id === mission.clientId || taker.id === mission.assignedProviderId);
    const allowed = rule.actors.some((actor) => {
      if (taker === MissionActor.PLATFORM) return actor === MissionActor.PLATFORM;
      if (actor === MissionActor.CLIENT) return taker.id === mission.clientId;
      if (actor === MissionActor.ASSIGNED_PROVIDER) return mission.assignedProviderId !== null && taker.id === mission.assignedProviderId;
      return actor === MissionActor.MODERATOR && isModerator(taker) && !isParty;
    });
    if (allowed) return;
    if (rule.actors.includes(MissionActor.MODERATOR) && isParty) throw new PartyToMissionError();
    throw new NotStepActorError(rule.actors.map((actor) => WHO[actor]).join(' or '));
  }

  private async tellOutcome<S extends MissionStep>(
    manager: EntityManager,
    rule: StepRule<S>,
    mission: Mission,
    input: StepInputs[S],
  ): Promise<void> {
    switch (rule.outcome) {
      case 'assigned':
        return this.events.assigned(manager, mission, input as StepInputs[MissionStep.ACCEPT]);
      case 'cancelled':
        return this.events.cancelled(manager, mission);
      case 'reopened':
        return this.events.acceptanceLapsed(manager, mission, (input as StepInputs[MissionStep.LAPSE]).bidId);
      case 'delivered':
        return this.scheduleAutoCompletion(manager, mission);
      case 'completed':
        return this.events.completed(manager, mission);
      case 'disputed':
        return;
    }
  }

  private context() {
    return { now: this.clock.now(), autoCompleteDays: this.config.autoCompleteDays };
  }

  private async lock(manager: EntityManager, id: string): Promise<Mission> {
    const mission = await manager.createQueryBuilder(Mission, 'm').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
    if (!mission) throw new NotFoundError('Mission');
    return mission;
  }

  private scheduleAutoCompletion(manager: EntityManager, mission: Mission): Promise<void> {
    const runAt = autoCompletionDue(mission, this.config);
    return this.jobs.enqueue(manager, AUTO_COMPLETE_MISSION, { missionId: mission.id }, { runAt, jobKey: mission.id });
  }
}
