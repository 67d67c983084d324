import { AccountsService, Locale } from '@marketplace/accounts';
import { Clock, Connection, isModerator, NotFoundError, Viewer } from '@marketplace/common';
import { pageByTime, Transactions } from '@marketplace/database';
import { ModerationLog } from '@marketplace/moderation-log';
import { NoticeFacts, NotificationKind, Notifier } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { ContestLinks } from './contest-links';
import { DecisionReversals } from './decision-reversals';
import { ContestStatus, ModerationContest } from './moderation-contest.entity';
import { ModerationDecision } from './moderation-decision.entity';
import { assertMayContest, automationOf, contestableUntil, refusalOf } from './moderation-decision-rules';
import { AlreadyContestedError } from './moderation-decisions.errors';
import { groundFor, groundVersion, ModerationDecisionKind } from './moderation-grounds';

/** A decision that restricts a user, as the domain that takes it hands it over. */
export interface DecisionToState {
  userId: string;
  kind: ModerationDecisionKind;
  /** The facts and circumstances: the moderator's reason, or what the rule found. */
  facts: string;
  /** One of MODERATION_GROUNDS for this kind (DEFAULT_GROUNDS when the decider named none). */
  groundId: string;
  /** Taken by automated means, with no person deciding. */
  automated: boolean;
  /** Found by automated means (defaults to `automated`: an automated decision is automatically detected). */
  automatedDetection?: boolean;
  targetType?: string;
  targetId?: string;
  moderatorId?: string | null;
  notice?: StatementNotice;
}

/**
 * What a statement's notice says besides the statement, as the notice it replaced said it (the
 * mission's title, a settlement's outcome, what is missing…), and the mission or conversation it
 * is about. Not kept on the statement: myModerationDecisions shows the decision itself.
 */
export interface StatementNotice {
  facts?: NoticeFacts;
  missionId?: string | null;
  conversationId?: string | null;
}

/** A statement as its contest link shows it: the decision, its contest if any, whether it may still be contested, its user's language. */
export interface StatementByLink {
  decision: ModerationDecision;
  contest: ModerationContest | null;
  /** Not contested yet, and within its window. */
  contestable: boolean;
  locale: Locale;
}

export type ContestOutcome = ContestStatus.UPHELD | ContestStatus.REVERSED;

/**
 * Statements of reasons (DSA art. 17) and their contest (art. 20): every domain that restricts a
 * user calls `issue` in the transaction of its decision; the user contests once, and a moderator
 * who did not decide reviews it.
 */
@Injectable()
export class ModerationDecisionsService {
  constructor(
    @InjectRepository(ModerationDecision) private readonly decisions: Repository<ModerationDecision>,
    @InjectRepository(ModerationContest) private readonly contests: Repository<ModerationContest>,
    private readonly reversals: DecisionReversals,
    private readonly accounts: AccountsService,
    private readonly contestLinks: ContestLinks,
    private readonly moderationLog: ModerationLog,
    private readonly notifier: Notifier,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /**
   * Writes the statement and tells the user (in-app and email), in the caller's transaction: the
   * one notice they get of the decision. BAD_USER_INPUT for a ground the kind may not rest on.
   */
  async issue(manager: EntityManager, decision: DecisionToState): Promise<ModerationDecision> {
    const ground = groundFor(decision.kind, decision.groundId);
    const now = this.clock.now();
    const { identifiers } = await manager.insert(ModerationDecision, {
      userId: decision.userId,
      kind: decision.kind,
      facts: decision.facts,
      groundId: ground.id,
      groundVersion: ground.version,
      automatedDecision: decision.automated,
      automatedDetection: decision.automatedDetection ?? decision.automated,
      targetType: decision.targetType ?? null,
      targetId: decision.targetId ?? null,
      moderatorId: decision.moderatorId ?? null,
      createdAt: now,
      contestableUntil: contestableUntil(now),
    });
    const issued = await manager.findOneByOrFail(ModerationDecision, { id: (identifiers[0] as { id: string }).id });
    await this.notifier.notify(manager, {
      userId: issued.userId,
      kind: NotificationKind.MODERATION_DECISION,
      missionId: decision.notice?.missionId,
      conversationId: decision.notice?.conversationId,
      facts: { ...decision.notice?.facts, ...statementFacts(issued), contestLink: this.contestLinks.urlFor(issued.id, issued.userId) },
    });
    return issued;
  }

  /** The viewer's own statements, newest first. */
  listOwn(viewer: Viewer, first: number, after?: string | null): Promise<Connection<ModerationDecision>> {
    const query = this.decisions.createQueryBuilder('d').where('d.user_id = :userId', { userId: viewer.id });
    return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
  }

  /** Of the ids asked, the statements the viewer may see: their own, or any for a moderator (who reviews contests of them). */
  async decisionsVisibleTo(viewer: Viewer | undefined, ids: readonly string[]): Promise<ModerationDecision[]> {
    if (!viewer) return [];
    const found = await this.decisions.findBy({ id: In([...ids]) });
    return found.filter((decision) => decision.userId === viewer.id || isModerator(viewer));
  }

  async contestsVisibleTo(viewer: Viewer | undefined, ids: readonly string[]): Promise<ModerationContest[]> {
    if (!viewer) return [];
    const found = await this.contests.findBy({ id: In([...ids]) });
    return found.filter((contest) => contest.userId === viewer.id || isModerator(viewer));
  }

  /** The contest of each decision, in the order asked (null when it was not contested). */
  async contestsOf(decisionIds: readonly string[]): Promise<(ModerationContest | null)[]> {
    const contests = await this.contests.findBy({ decisionId: In([...decisionIds]) });
    return decisionIds.map((id) => contests.find((contest) => contest.decisionId === id) ?? null);
  }

  async decisionsByIds(ids: readonly string[]): Promise<ModerationDecision[]> {
    const decisions = await this.decisions.findBy({ id: In([...ids]) });
    return ids.map((id) => decisions.find((decision) => decision.id === id)!);
  }

  /** The affected user contests a decision, once, within its window; it joins the moderators' queue. */
  async contest(viewer: Viewer, decisionId: string, text: string): Promise<ModerationDecision> {
    return this.transactions.run(async (manager) => {
      const decision = await manager.findOneBy(ModerationDecision, { id: decisionId });
      assertMayContest(viewer, decision, this.clock.now());
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ModerationContest)
        .values({ decisionId, userId: viewer.id, decidedById: decision.moderatorId, text, createdAt: this.clock.now() })
        .orIgnore() // the decision's contest exists already
        .returning(['id'])
        .execute();
      if ((inserted.raw as unknown[]).length === 0) throw new AlreadyContestedError();
      return decision;
    });
  }

  /** The statement a contest link names (ContestLinks), for its page; BAD_USER_INPUT for a bad link, NOT_FOUND once its user is gone. */
  async readByLink(token: string): Promise<StatementByLink> {
    const { decisionId, userId } = this.contestLinks.read(token);
    const decision = await this.decisions.findOneBy({ id: decisionId, userId });
    if (!decision) throw new NotFoundError('Moderation decision');
    const contest = await this.contests.findOneBy({ decisionId: decision.id });
    const user = await this.accounts.getById(userId);
    const contestable = !contest && this.clock.now() <= decision.contestableUntil;
    return { decision, contest, contestable, locale: user.locale };
  }

  /** A contest through the statement's link (ContestLinks), for a user who may not be able to sign in. */
  contestByLink(token: string, text: string): Promise<ModerationDecision> {
    const { decisionId, userId } = this.contestLinks.read(token);
    return this.contest({ id: userId, roles: [] }, decisionId, text);
  }

  /** For moderators: the contests in this status, oldest first. */
  queue(status: ContestStatus, first: number, after?: string | null): Promise<Connection<ModerationContest>> {
    const query = this.contests.createQueryBuilder('c').where('c.status = :status', { status });
    return pageByTime(query, { column: 'created_at', direction: 'ASC', timeOf: (row) => row.createdAt }, first, after);
  }

  /** A moderator who neither took the decision nor is its subject takes an open contest for review. */
  async claim(moderator: Viewer, id: string): Promise<ModerationContest> {
    return this.transactions.run(async (manager) => {
      const claimed = await this.reviewable(manager, moderator, id).set({ reviewerId: moderator.id }).execute();
      if (claimed.affected === 0) throw refusalOf(moderator, await manager.findOneBy(ModerationContest, { id }));
      await this.moderationLog.record(manager, { moderatorId: moderator.id, action: 'CLAIM_CONTEST', targetId: id });
      return manager.findOneByOrFail(ModerationContest, { id });
    });
  }

  /**
   * Upholds or reverses the decision contested (claiming it when nobody had): a reversal undoes what
   * can be undone (DecisionReversals), in this transaction. Logged; the user gets the outcome as a
   * statement of its own.
   */
  async review(moderator: Viewer, id: string, outcome: ContestOutcome, reason: string): Promise<ModerationContest> {
    return this.transactions.run(async (manager) => {
      const reviewed = await this.reviewable(manager, moderator, id)
        .set({ reviewerId: moderator.id, status: outcome, reviewReason: reason, reviewedAt: this.clock.now() })
        .execute();
      if (reviewed.affected === 0) throw refusalOf(moderator, await manager.findOneBy(ModerationContest, { id }));
      const contest = await manager.findOneByOrFail(ModerationContest, { id });
      const decision = await manager.findOneByOrFail(ModerationDecision, { id: contest.decisionId });
      if (outcome === ContestStatus.REVERSED) await this.reversals.reverse(manager, decision, moderator);
      await this.moderationLog.record(manager, {
        moderatorId: moderator.id,
        action: outcome === ContestStatus.REVERSED ? 'REVERSE_DECISION' : 'UPHOLD_DECISION',
        targetId: decision.id,
        reason,
      });
      await this.notifier.notify(manager, {
        userId: decision.userId,
        kind: NotificationKind.MODERATION_CONTEST_DECIDED,
        facts: { decisionKind: decision.kind, outcome, reason },
      });
      return contest;
    });
  }

  /** The conditional update of an open contest the moderator may review: unclaimed or theirs, not their decision, not about them. */
  private reviewable(manager: EntityManager, moderator: Viewer, id: string) {
    return manager
      .createQueryBuilder()
      .update(ModerationContest)
      .where(
        `id = :id AND status = 'OPEN' AND (reviewer_id IS NULL OR reviewer_id = :moderatorId)
           AND decided_by_id IS DISTINCT FROM :moderatorId AND user_id <> :moderatorId`,
        { id, moderatorId: moderator.id },
      );
  }
}

/** What the statement's notification and email say: everything but who decided. */
function statementFacts(decision: ModerationDecision): NoticeFacts {
  const ground = groundVersion(decision.groundId, decision.groundVersion);
  return {
    decisionKind: decision.kind,
    facts: decision.facts,
    groundFr: `${ground.fr.title} : ${ground.fr.text}`,
    groundEn: `${ground.en.title}: ${ground.en.text}`,
    clause: ground.clause,
    groundVersion: ground.version,
    automation: automationOf(decision),
    contestableUntil: decision.contestableUntil.toISOString().slice(0, 10),
  };
}
