import { ConflictError, DomainError } from '@marketplace/common';
import { NotificationKind } from '@marketplace/notifications';
import { Mission, MissionStatus } from '../mission.entity';
import { Assignment } from '../mission-events';
import { MissionHiddenError } from '../missions.errors';
import { PaymentNotReceivedError } from './lifecycle.errors';

const { OPEN, ASSIGNED, DELIVERED, DISPUTED, COMPLETED, CANCELLED } = MissionStatus;

/** Every step a mission can take, by name: every change of its status is one of these. */
export enum MissionStep {
  ACCEPT = 'ACCEPT',
  CANCEL = 'CANCEL',
  WITHDRAW_WITH_SUSPENSION = 'WITHDRAW_WITH_SUSPENSION',
  LAPSE = 'LAPSE',
  DELIVER = 'DELIVER',
  CONFIRM = 'CONFIRM',
  AUTO_COMPLETE = 'AUTO_COMPLETE',
  DISPUTE = 'DISPUTE',
  RESOLVE_FOR_PROVIDER = 'RESOLVE_FOR_PROVIDER',
  RESOLVE_FOR_CLIENT = 'RESOLVE_FOR_CLIENT',
  RESOLVE_WITH_SPLIT = 'RESOLVE_WITH_SPLIT',
}

/** How a moderator settled a dispute (the resolve steps), as the API names it. */
export enum DisputeResolution {
  PAY_PROVIDER = 'PAY_PROVIDER',
  REFUND_CLIENT = 'REFUND_CLIENT',
  /** Part back to the client (refundCents), the rest paid to the provider, the fee taken on the provider's part only. */
  SPLIT = 'SPLIT',
}

/**
 * Who may take a step: the mission's client; its assigned provider (there is one from ASSIGNED
 * on); a moderator who is neither; or the platform itself (a job, a suspension).
 */
export enum MissionActor {
  CLIENT = 'CLIENT',
  ASSIGNED_PROVIDER = 'ASSIGNED_PROVIDER',
  MODERATOR = 'MODERATOR',
  PLATFORM = 'PLATFORM',
}

/** What each step is given by whoever takes it. */
export interface StepInputs {
  [MissionStep.ACCEPT]: Assignment;
  [MissionStep.CANCEL]: { reason: string | null };
  [MissionStep.WITHDRAW_WITH_SUSPENSION]: { reason: string };
  [MissionStep.LAPSE]: { bidId: string };
  [MissionStep.DELIVER]: Record<string, never>;
  [MissionStep.CONFIRM]: Record<string, never>;
  [MissionStep.AUTO_COMPLETE]: Record<string, never>;
  [MissionStep.DISPUTE]: { reason: string };
  [MissionStep.RESOLVE_FOR_PROVIDER]: { note: string };
  [MissionStep.RESOLVE_FOR_CLIENT]: { note: string };
  [MissionStep.RESOLVE_WITH_SPLIT]: { note: string; refundCents: number };
}

/** What the table's preconditions may read besides the mission. */
export interface StepContext {
  now: Date;
  autoCompleteDays: number;
}

/** What other domains hear once a step is taken, in its transaction (see MissionEvents). */
export type StepOutcome = 'assigned' | 'cancelled' | 'reopened' | 'delivered' | 'disputed' | 'completed';

export interface StepRule<S extends MissionStep> {
  from: readonly MissionStatus[];
  to: MissionStatus;
  actors: readonly MissionActor[];
  /** What must hold besides the state (in words, for the docs), checked on the locked mission; the error when it does not. */
  precondition?: { says: string; holds(mission: Mission, input: StepInputs[S], context: StepContext): boolean; refused(): DomainError };
  /** The step in the words of the error a wrong state gets: "A mission that is open cannot be <done>." */
  done: string;
  /** The columns the step sets besides the status. */
  sets(mission: Mission, input: StepInputs[S], now: Date): Partial<Mission>;
  outcome: StepOutcome;
  /** Moderators' steps are written to the moderation log, with this reason. */
  logged?: (input: StepInputs[S]) => string;
  /** Which parties are notified of the step (in the app, and by email), as which kind, with what the step adds to the text. */
  tells?: {
    kind: NotificationKind;
    to: readonly Party[];
    facts?: (mission: Mission, input: StepInputs[S]) => Record<string, string | number>;
  };
}

type Party = MissionActor.CLIENT | MissionActor.ASSIGNED_PROVIDER;

const BOTH_PARTIES = [MissionActor.CLIENT, MissionActor.ASSIGNED_PROVIDER] as const;

/**
 * Whom a settlement goes against: the client when the provider is paid, the provider when the
 * client is refunded, both in a split. They get its statement of reasons (MissionLifecycle.resolveDispute),
 * which is the one notice they get of it; the party it favours, if any, is told DISPUTE_SETTLED.
 */
export const SETTLED_AGAINST: Record<DisputeResolution, readonly Party[]> = {
  [DisputeResolution.PAY_PROVIDER]: [MissionActor.CLIENT],
  [DisputeResolution.REFUND_CLIENT]: [MissionActor.ASSIGNED_PROVIDER],
  [DisputeResolution.SPLIT]: BOTH_PARTIES,
};

const favouredBy = (resolution: DisputeResolution) => BOTH_PARTIES.filter((party) => !SETTLED_AGAINST[resolution].includes(party));

/** What a settlement's notification (and statement of reasons) says of it. */
export const settlementFacts = (mission: Mission, { note }: { note: string }) => ({
  resolution: mission.disputeResolution ?? '',
  refundCents: mission.disputeRefundCents ?? 0,
  note,
});

/** When a delivery nobody disputed completes by itself. */
export const autoCompletionDue = (mission: Mission, { autoCompleteDays }: Pick<StepContext, 'autoCompleteDays'>) =>
  new Date(mission.deliveredAt!.getTime() + autoCompleteDays * 86_400_000);

/**
 * The mission lifecycle (SPEC §7), one row per step: from which states, to which, who may take it,
 * what else must hold, the columns it sets, and what other domains hear. MissionLifecycle takes any
 * step by this table; nothing else changes a mission's status.
 */
export const MISSION_STEPS: { readonly [S in MissionStep]: StepRule<S> } = {
  [MissionStep.ACCEPT]: {
    done: 'assigned',
    from: [OPEN],
    to: ASSIGNED,
    actors: [MissionActor.CLIENT],
    precondition: {
      says: 'not hidden by a moderator',
      refused: () => new MissionHiddenError(),
      holds: (mission) => mission.hiddenAt === null,
    },
    sets: (_, { bidId, providerId }) => ({ assignedProviderId: providerId, acceptedBidId: bidId, bidCount: 1 }),
    outcome: 'assigned',
  },
  [MissionStep.CANCEL]: {
    done: 'cancelled',
    from: [OPEN, ASSIGNED],
    to: CANCELLED,
    actors: [MissionActor.CLIENT, MissionActor.ASSIGNED_PROVIDER],
    // An open mission's pending bids are declined with it; an accepted bid stays what it was.
    sets: (mission, { reason }, now) => ({
      cancelledAt: now,
      cancellationReason: reason,
      bidCount: mission.status === OPEN ? 0 : mission.bidCount,
    }),
    outcome: 'cancelled',
  },
  [MissionStep.WITHDRAW_WITH_SUSPENSION]: {
    done: 'withdrawn',
    from: [OPEN],
    to: CANCELLED,
    actors: [MissionActor.PLATFORM],
    sets: (_, { reason }, now) => ({ cancelledAt: now, cancellationReason: reason, bidCount: 0 }),
    outcome: 'cancelled',
  },
  [MissionStep.LAPSE]: {
    done: 'reopened',
    from: [ASSIGNED],
    to: OPEN,
    actors: [MissionActor.PLATFORM],
    precondition: {
      says: 'that acceptance, and its payment not received',
      refused: () => new ConflictError('That acceptance was paid, or is no longer the mission’s.'),
      holds: (mission, { bidId }) => mission.acceptedBidId === bidId && mission.paymentReceivedAt === null,
    },
    // The accepted bid EXPIRES and the others were declined at acceptance: no live bid is left.
    sets: () => ({ assignedProviderId: null, acceptedBidId: null, bidCount: 0 }),
    outcome: 'reopened',
  },
  [MissionStep.DELIVER]: {
    done: 'delivered',
    from: [ASSIGNED],
    to: DELIVERED,
    actors: [MissionActor.ASSIGNED_PROVIDER],
    precondition: {
      says: "the client's payment received",
      refused: () => new PaymentNotReceivedError(),
      holds: (mission) => mission.paymentReceivedAt !== null,
    },
    sets: (_, __, now) => ({ deliveredAt: now }),
    outcome: 'delivered',
    tells: { kind: NotificationKind.MISSION_DELIVERED, to: [MissionActor.CLIENT] },
  },
  [MissionStep.CONFIRM]: {
    done: 'confirmed',
    from: [DELIVERED],
    to: COMPLETED,
    actors: [MissionActor.CLIENT],
    sets: (_, __, now) => ({ completedAt: now }),
    outcome: 'completed',
    tells: { kind: NotificationKind.MISSION_COMPLETED, to: [MissionActor.ASSIGNED_PROVIDER] },
  },
  [MissionStep.AUTO_COMPLETE]: {
    done: 'completed',
    from: [DELIVERED],
    to: COMPLETED,
    actors: [MissionActor.PLATFORM],
    precondition: {
      says: 'AUTO_COMPLETE_DAYS since the delivery',
      refused: () => new ConflictError('The delivery is not AUTO_COMPLETE_DAYS old yet.'),
      holds: (mission, _, context) => context.now >= autoCompletionDue(mission, context),
    },
    sets: (_, __, now) => ({ completedAt: now }),
    outcome: 'completed',
    tells: { kind: NotificationKind.MISSION_COMPLETED, to: BOTH_PARTIES },
  },
  [MissionStep.DISPUTE]: {
    done: 'disputed',
    from: [DELIVERED],
    to: DISPUTED,
    actors: [MissionActor.CLIENT],
    sets: (_, { reason }, now) => ({ disputedAt: now, disputeReason: reason }),
    outcome: 'disputed',
    tells: { kind: NotificationKind.MISSION_DISPUTED, to: [MissionActor.ASSIGNED_PROVIDER], facts: (_, { reason }) => ({ reason }) },
  },
  [MissionStep.RESOLVE_FOR_PROVIDER]: {
    done: 'resolved',
    from: [DISPUTED],
    to: COMPLETED,
    actors: [MissionActor.MODERATOR],
    sets: (_, { note }, now) => ({ completedAt: now, disputeResolution: DisputeResolution.PAY_PROVIDER, disputeResolutionNote: note }),
    outcome: 'completed',
    logged: ({ note }) => `${DisputeResolution.PAY_PROVIDER}: ${note}`,
    tells: { kind: NotificationKind.DISPUTE_SETTLED, to: favouredBy(DisputeResolution.PAY_PROVIDER), facts: settlementFacts },
  },
  [MissionStep.RESOLVE_FOR_CLIENT]: {
    done: 'resolved',
    from: [DISPUTED],
    to: CANCELLED,
    actors: [MissionActor.MODERATOR],
    sets: (_, { note }, now) => ({
      cancelledAt: now,
      cancellationReason: note,
      disputeResolution: DisputeResolution.REFUND_CLIENT,
      disputeResolutionNote: note,
    }),
    outcome: 'cancelled',
    logged: ({ note }) => `${DisputeResolution.REFUND_CLIENT}: ${note}`,
    tells: { kind: NotificationKind.DISPUTE_SETTLED, to: favouredBy(DisputeResolution.REFUND_CLIENT), facts: settlementFacts },
  },
  [MissionStep.RESOLVE_WITH_SPLIT]: {
    done: 'resolved',
    from: [DISPUTED],
    to: COMPLETED,
    actors: [MissionActor.MODERATOR],
    sets: (_, { note, refundCents }, now) => ({
      completedAt: now,
      disputeResolution: DisputeResolution.SPLIT,
      disputeResolutionNote: note,
      disputeRefundCents: refundCents,
    }),
    outcome: 'completed',
    logged: ({ note, refundCents }) => `${DisputeResolution.SPLIT} (${refundCents} cents to the client): ${note}`,
  },
};

/** The resolve step of each resolution. */
export const RESOLUTION_STEPS = {
  [DisputeResolution.PAY_PROVIDER]: MissionStep.RESOLVE_FOR_PROVIDER,
  [DisputeResolution.REFUND_CLIENT]: MissionStep.RESOLVE_FOR_CLIENT,
  [DisputeResolution.SPLIT]: MissionStep.RESOLVE_WITH_SPLIT,
} as const;

/** The statuses a mission can go to from each, as the table allows: the graph of SPEC §7. */
export function transitionsFrom(status: MissionStatus): MissionStatus[] {
  const targets = Object.values(MISSION_STEPS)
    .filter((rule) => rule.from.includes(status))
    .map((rule) => rule.to);
  return [...new Set(targets)];
}

/** MISSION_STEPS as the Markdown table of docs/lifecycle.md (a test keeps the two the same). */
export function lifecycleTable(): string {
  const rules = Object.entries(MISSION_STEPS) as unknown as [MissionStep, StepRule<MissionStep>][];
  const rows = rules.map(([step, rule]) => {
    // Which columns a step sets does not depend on the values: any mission and input show them.
    const columns = Object.keys(rule.sets({ status: rule.from[0] } as Mission, {} as never, new Date(0)));
    return [step, rule.from.join(', '), rule.to, rule.actors.join(', '), rule.precondition?.says ?? '', columns.join(', '), rule.outcome];
  });
  return [
    '| step | from | to | who | also needs | sets | others hear |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
