import { ConnectionType } from '@marketplace/common';
import { Field, ObjectType } from '@nestjs/graphql';

/** A DISPUTED mission as moderators see it in their queue (the parent is the mission itself). */
@ObjectType('Dispute', {
  description:
    'Moderators only: a DISPUTED mission waiting for resolveDispute, with what the client said and what the desk needs to settle it.',
})
export class DisputeType {
  @Field({ description: 'When the client opened the dispute (openDispute).' })
  disputedAt!: Date;

  @Field({ description: 'What the client wrote when opening the dispute.' })
  disputeReason!: string;

  @Field(() => Date, { nullable: true, description: 'When the provider marked the work done (markMissionDelivered).' })
  deliveredAt!: Date | null;
}

export const DisputeConnection = ConnectionType(DisputeType, 'Dispute');
