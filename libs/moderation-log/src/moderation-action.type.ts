import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ModerationAction', { implements: () => [NodeInterface] })
export class ModerationActionType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'A short verb, e.g. APPROVE_IDENTITY, REJECT_IDENTITY, HIDE_RATING, HIDE_MISSION, SUSPEND_USER, RESOLVE_DISPUTE.' })
  action!: string;

  @Field(() => ID)
  targetId!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  createdAt!: Date;
}

export const ModerationActionConnection = ConnectionType(ModerationActionType, 'ModerationAction');
