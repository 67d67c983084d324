import { Locale, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  AllowAnonymous,
  assertUuid,
  Connection,
  CurrentViewer,
  FieldContext,
  isModerator,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  RequireRoles,
  Role,
  Viewer,
} from '@marketplace/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { ContestModerationDecisionArgs } from './dto/contest-moderation-decision.args';
import { CONTEST_STATUS_OF, ReviewModerationContestArgs } from './dto/review-moderation-contest.args';
import { ContestStatus, ModerationContest } from './moderation-contest.entity';
import { ModerationDecision } from './moderation-decision.entity';
import {
  ModerationContestConnection,
  ModerationContestType,
  ModerationDecisionConnection,
  ModerationDecisionType,
  ModerationGroundType,
} from './moderation-decision.type';
import { ModerationDecisionsService } from './moderation-decisions.service';
import { groundsInForce, groundVersion, ModerationDecisionKind, ModerationGround } from './moderation-grounds';

const LOCALE_ARG = { type: () => Locale, defaultValue: Locale.FR, description: 'The language to read it in.' } as const;

@Resolver(() => ModerationGroundType)
export class ModerationGroundResolver {
  @AllowAnonymous()
  @Query(() => [ModerationGroundType], {
    description: 'The grounds in force that decisions rest on (all of them, or those of one kind): public, as our terms are.',
  })
  moderationGrounds(
    @Args('kind', { type: () => ModerationDecisionKind, nullable: true, description: 'Only the grounds of this kind of decision.' })
    kind?: ModerationDecisionKind | null,
  ): ModerationGround[] {
    return groundsInForce(kind ?? undefined);
  }

  @ResolveField(() => String, { description: 'Its short title.' })
  title(@Parent() ground: ModerationGround, @Args('locale', LOCALE_ARG) locale: Locale): string {
    return ground[locale].title;
  }

  @ResolveField(() => String, { description: 'What the clause says.' })
  text(@Parent() ground: ModerationGround, @Args('locale', LOCALE_ARG) locale: Locale): string {
    return ground[locale].text;
  }
}

@Resolver(() => ModerationDecisionType)
export class ModerationDecisionsResolver {
  constructor(
    private readonly decisions: ModerationDecisionsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @Query(() => ModerationDecisionConnection, {
    description: 'The statements of reasons of the decisions that restricted the viewer, newest first.',
  })
  myModerationDecisions(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<ModerationDecision>> {
    return this.decisions.listOwn(viewer, first ?? 20, after);
  }

  @Mutation(() => ModerationDecisionType, {
    description:
      'The user a decision is about contests it, once, within six months (contestableUntil); a moderator who did not take it reviews it (moderationContests). NOT_FOUND for a decision about someone else; CONFLICT the second time or once the window closed; BAD_USER_INPUT for a text not 10 to 2000 characters.',
  })
  contestModerationDecision(
    @CurrentViewer() viewer: Viewer,
    @Args() { id, text }: ContestModerationDecisionArgs,
  ): Promise<ModerationDecision> {
    return this.decisions.contest(viewer, id, text);
  }

  @ResolveField(() => ModerationGroundType, { description: 'The ground it rests on, in the version it cited.' })
  ground(decision: ModerationDecision): ModerationGround {
    return groundVersion(decision.groundId, decision.groundVersion);
  }

  @ResolveField(() => ModerationContestType, { nullable: true, description: 'Its contest, once the user contested it.' })
  contest(decision: ModerationDecision, _args: unknown, { req }: FieldContext): Promise<ModerationContest | null> {
    return this.loaders
      .get<string, ModerationContest | null>(req, 'contestsByDecision', (ids) => this.decisions.contestsOf(ids))
      .load(decision.id);
  }
}

@Resolver(() => ModerationContestType)
export class ModerationContestsResolver {
  constructor(
    private readonly decisions: ModerationDecisionsService,
    private readonly loaders: RequestLoaders,
    private readonly users: UsersLoader,
  ) {}

  @RequireRoles(Role.MODERATOR)
  @Query(() => ModerationContestConnection, { description: 'Moderators only: contests of moderation decisions, oldest first.' })
  moderationContests(
    @Args('status', {
      type: () => ContestStatus,
      nullable: true,
      defaultValue: ContestStatus.OPEN,
      description: 'The contests in this status.',
    })
    status: ContestStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<ModerationContest>> {
    return this.decisions.queue(status ?? ContestStatus.OPEN, first ?? 20, after);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => ModerationContestType, {
    description:
      'Moderators only: takes an OPEN contest for review; written to the moderation log. FORBIDDEN for the moderator who took the decision or whom it is about; CONFLICT once reviewed or while another moderator has it.',
  })
  claimModerationContest(
    @CurrentViewer() moderator: Viewer,
    @Args('id', { type: () => ID, description: "The contest's id." }) id: string,
  ): Promise<ModerationContest> {
    return this.decisions.claim(moderator, assertUuid(id));
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => ModerationContestType, {
    description:
      'Moderators only: upholds or reverses a contested decision, with a reason (claiming the contest when nobody had). Reversing undoes what can be undone (hidden content shown again, a suspension lifted); the user is told the outcome as a statement, and it is written to the moderation log. FORBIDDEN for the moderator who took the decision or whom it is about; CONFLICT once reviewed or while another moderator has it.',
  })
  reviewModerationContest(
    @CurrentViewer() moderator: Viewer,
    @Args() { id, outcome, reason }: ReviewModerationContestArgs,
  ): Promise<ModerationContest> {
    return this.decisions.review(moderator, id, CONTEST_STATUS_OF[outcome], reason);
  }

  @ResolveField(() => ModerationDecisionType, { description: 'The decision contested.' })
  decision(contest: ModerationContest, _args: unknown, { req }: FieldContext): Promise<ModerationDecision> {
    return this.loaders
      .get<string, ModerationDecision>(req, 'moderationDecisionsById', (ids) => this.decisions.decisionsByIds(ids))
      .load(contest.decisionId);
  }

  @ResolveField(() => UserType, { nullable: true, description: 'Moderators only (null for others): the moderator reviewing it.' })
  reviewer(@Parent() contest: ModerationContest, @CurrentViewer() viewer: Viewer, @Context('req') req: Request): Promise<User> | null {
    return contest.reviewerId && isModerator(viewer) ? this.users.load(req, contest.reviewerId) : null;
  }
}
