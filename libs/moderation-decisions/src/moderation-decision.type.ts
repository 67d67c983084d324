import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ContestStatus } from './moderation-contest.entity';
import { ModerationDecisionKind } from './moderation-grounds';

registerEnumType(ModerationDecisionKind, {
  name: 'ModerationDecisionKind',
  description: 'What a decision restricting a user did.',
  valuesMap: {
    IDENTITY_REJECTED: { description: 'Their identity verification was rejected (rejectIdentityVerification).' },
    CONTENT_HIDDEN: { description: 'Their mission, rating or message was hidden (hideMission, hideRating, hideMessage).' },
    SUSPENSION: { description: 'Their account was suspended (suspendUser).' },
    DISPUTE_SETTLED: { description: 'A dispute on their mission was settled against them, in whole or in part (resolveDispute).' },
    PAYOUT_HELD: { description: 'Their payouts are held.' },
  },
});
registerEnumType(ContestStatus, {
  name: 'ModerationContestStatus',
  description: 'Where a contest of a moderation decision stands.',
  valuesMap: {
    OPEN: { description: 'Waiting for a moderator who did not take the decision.' },
    UPHELD: { description: 'Reviewed: the decision stands.' },
    REVERSED: { description: 'Reviewed: the decision is reversed, and what could be undone was undone.' },
  },
});

@ObjectType('ModerationGround', {
  description: 'A clause of our terms of use that a restricting decision may rest on, in the version a statement cites.',
})
export class ModerationGroundType {
  @Field({ description: 'A stable id, e.g. OFF_PLATFORM_PAYMENT: what groundId arguments take.' })
  id!: string;

  @Field(() => Int, { description: 'The version of its wording: a new wording is a new version, and statements keep the one they cited.' })
  version!: number;

  @Field({ description: 'Where it stands in the terms of use, e.g. 6.1.' })
  clause!: string;

  @Field(() => [ModerationDecisionKind], { description: 'The kinds of decision that may rest on it.' })
  kinds!: ModerationDecisionKind[];
}

@ObjectType('ModerationDecision', {
  implements: () => [NodeInterface],
  description:
    'A statement of reasons (DSA art. 17): a decision that restricted the user, its facts, its ground, whether it was automated, and its contest. Seen by the user it is about (and moderators reviewing a contest); never says who decided.',
})
export class ModerationDecisionType {
  @Field(() => ID, { description: "The decision's id." })
  id!: string;

  @Field(() => ModerationDecisionKind, { description: 'What was decided.' })
  kind!: ModerationDecisionKind;

  @Field({ description: 'The facts and circumstances the decision rests on.' })
  facts!: string;

  @Field({ description: 'Whether what led to it was detected by automated means (false: a user report or a moderator).' })
  automatedDetection!: boolean;

  @Field({ description: 'Whether it was decided by automated means (false: a moderator decided).' })
  automatedDecision!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What it acted on: IDENTITY_VERIFICATION, MISSION, RATING, MESSAGE, USER or PAYOUT.',
  })
  targetType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of what it acted on.' })
  targetId!: string | null;

  @Field({ description: 'When it was taken.' })
  createdAt!: Date;

  @Field({ description: 'Until when the user may contest it (contestModerationDecision): six months from the decision.' })
  contestableUntil!: Date;
}

@ObjectType('ModerationContest', {
  implements: () => [NodeInterface],
  description: "A user's contest of a moderation decision, reviewed by a moderator who did not take it.",
})
export class ModerationContestType {
  @Field(() => ID, { description: "The contest's id." })
  id!: string;

  @Field({ description: "The user's words, 10 to 2000 characters." })
  text!: string;

  @Field(() => ContestStatus, { description: 'Where it stands.' })
  status!: ContestStatus;

  @Field(() => String, { nullable: true, description: "The reviewer's reason, once reviewed." })
  reviewReason!: string | null;

  @Field({ description: 'When it was filed.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was reviewed.' })
  reviewedAt!: Date | null;
}

export const ModerationDecisionConnection = ConnectionType(ModerationDecisionType, 'ModerationDecision');
export const ModerationContestConnection = ConnectionType(ModerationContestType, 'ModerationContest');
