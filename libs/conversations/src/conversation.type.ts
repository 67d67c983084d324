import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Mission } from '@marketplace/missions';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConversationRole } from './conversation-rules';
import { Conversation } from './conversation.entity';

registerEnumType(ConversationRole, {
  name: 'ConversationRole',
  description: 'The side of a participant in a conversation.',
  valuesMap: {
    CLIENT: { description: "The mission's client." },
    PROVIDER: { description: 'The provider who opened the conversation by asking about the mission.' },
  },
});

/** A conversation with its mission, as ConversationsService found it for a viewer who may read it. */
export interface ConversationView extends Conversation {
  mission: Mission;
}

/** One side of a conversation and how far they have read. */
export interface Participant {
  userId: string;
  role: ConversationRole;
  lastReadAt: Date | null;
}

/** `user` is declared by ConversationParticipantResolver. */
@ObjectType('ConversationParticipant', { description: 'One side of a conversation, with their read receipt.' })
export class ConversationParticipantType {
  @Field(() => ConversationRole, { description: 'Client or provider.' })
  role!: ConversationRole;

  @Field(() => Date, {
    nullable: true,
    description:
      'The createdAt of the newest message this participant has read (markConversationRead, or sending a message): a message is read by them when its createdAt is not after it. Null until they read any.',
  })
  lastReadAt!: Date | null;
}

/** Relations and counts are declared by ConversationResolver. */
@ObjectType('Conversation', {
  implements: () => [NodeInterface],
  description:
    "A provider and a mission's client talking about the mission: one per mission and provider, opened by the provider's first message. Only its two participants read it (moderators too once one of its messages is reported, and each such reading is logged).",
})
export class ConversationType {
  @Field(() => ID, { description: "The conversation's id." })
  id!: string;

  @Field({ description: 'When the provider opened it.' })
  createdAt!: Date;

  @Field({ description: 'When its newest message was sent: myConversations is ordered by it.' })
  lastMessageAt!: Date;
}

export const ConversationConnection = ConnectionType(ConversationType, 'Conversation');
