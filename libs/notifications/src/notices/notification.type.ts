import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { NotificationKind } from '../notification-kind';

/** Text and mission are fields of their own (NotificationResolver, and the missions library for `mission`). */
@ObjectType('Notification', {
  implements: () => [NodeInterface],
  description: 'Something that happened to the viewer (an in-app notification). Only its user sees it.',
})
export class NotificationType {
  @Field(() => ID, { description: "The notification's id." })
  id!: string;

  @Field(() => NotificationKind, { description: 'What it is about.' })
  kind!: NotificationKind;

  @Field({ description: 'When it happened.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the user marked it read (markNotificationsRead); null while unread.' })
  readAt!: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The conversation it is about (new question, new message, hidden message); null otherwise.',
  })
  conversationId!: string | null;
}

export const NotificationConnection = ConnectionType(NotificationType, 'Notification');

@ObjectType('NotificationsRead', { description: 'What markNotificationsRead did.' })
export class NotificationsReadType {
  @Field(() => [NotificationType], { description: 'The notifications named by ids, as they are now; empty for all: true.' })
  notifications!: NotificationType[];

  @Field(() => Int, { description: "The viewer's unread notifications left." })
  unreadNotificationCount!: number;
}
