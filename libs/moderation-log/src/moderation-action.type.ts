import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ModerationAction', {
  implements: () => [NodeInterface],
  description: 'One entry of the moderation log: who did what to which target, and why.',
})
export class ModerationActionType {
  @Field(() => ID, { description: "The entry's id." })
  id!: string;

  @Field({
    description:
      'A short verb, e.g. APPROVE_IDENTITY, REJECT_IDENTITY, HIDE_RATING, HIDE_MISSION, SUSPEND_USER, RESOLVE_DISPUTE. Also CLAIM_IDENTITY, DISMISS_REPORT, RETRY_PAYOUT, HIDE_MESSAGE, READ_CONVERSATION (a moderator read a conversation with a reported message), and CLAIM_CONTEST, UPHOLD_DECISION, REVERSE_DECISION (a moderator reviewing a contested moderation decision).',
  })
  action!: string;

  @Field(() => ID, {
    description:
      'The id of what was acted on: the case, mission, rating, user, report, payout, message, conversation, contest or moderation decision the verb names.',
  })
  targetId!: string;

  @Field(() => String, { nullable: true, description: "The moderator's reason or note, when the action takes one." })
  reason!: string | null;

  @Field({ description: 'When the action was taken.' })
  createdAt!: Date;
}

export const ModerationActionConnection = ConnectionType(ModerationActionType, 'ModerationAction');
