import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';

/** A message as one reader sees it (ConversationsService makes it: masked, hidden, or as written). */
export interface MessageView {
  id: string;
  conversationId: string;
  authorId: string;
  text: string | null;
  masked: boolean;
  hidden: boolean;
  /** Its attached photos, as the reader may see them (none once hidden, for participants). */
  photoIds: string[];
  createdAt: Date;
}

/** Relations are declared by MessageResolver. */
@ObjectType('Message', {
  implements: () => [NodeInterface],
  description:
    "One message of a conversation, as the viewer may see it: contact details are masked for the other side until the mission is assigned to the conversation's provider.",
})
export class MessageType {
  @Field(() => ID, { description: "The message's id." })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What the author wrote, 1 to 2000 characters; for the other participant, phone numbers and email addresses replaced by "[coordonnées masquées]" until the mission is assigned to the provider of this conversation. Null once a moderator hid the message.',
  })
  text!: string | null;

  @Field({ description: 'True when contact details were masked in the text the viewer sees.' })
  masked!: boolean;

  @Field({ description: 'True once a moderator hid the message: its text is null for the participants.' })
  hidden!: boolean;

  @Field({ description: 'When it was sent; messages of a conversation are strictly ordered by it.' })
  createdAt!: Date;
}

export const MessageConnection = ConnectionType(MessageType, 'Message');
