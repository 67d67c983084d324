import { Locale, UsersLoader } from '@marketplace/accounts';
import {
  Connection,
  CurrentViewer,
  FieldContext,
  NotFoundError,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  Viewer,
} from '@marketplace/common';
import { mapEvents, RealtimeEvents } from '@marketplace/realtime';
import { Args, Int, Mutation, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { MarkNotificationsReadArgs } from '../dto/mark-notifications-read.args';
import { Notification } from './notification.entity';
import { NotificationConnection, NotificationsReadType, NotificationType } from './notification.type';
import { noticeLine } from './notice-texts';
import { NotificationsService } from './notifications.service';
import { notificationsTopicOf } from './notifier';

@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly users: UsersLoader,
    private readonly realtime: RealtimeEvents,
  ) {}

  @Query(() => NotificationConnection, { description: "The viewer's notifications, newest first." })
  notifications(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false, description: 'True for the unread ones only.' })
    unreadOnly?: boolean | null,
  ): Promise<Connection<Notification>> {
    return this.service.list(viewer, first ?? 20, after, !!unreadOnly);
  }

  @Query(() => Int, { description: "How many of the viewer's notifications are unread." })
  unreadNotificationCount(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.service.unreadCount(viewer);
  }

  @Mutation(() => NotificationsReadType, {
    description:
      "Marks notifications of the viewer read: the ids given, or all: true (exactly one of the two, BAD_USER_INPUT otherwise). NOT_FOUND, and nothing marked, when an id is not one of the viewer's notifications. Marking again keeps the first readAt.",
  })
  async markNotificationsRead(@CurrentViewer() viewer: Viewer, @Args() mark: MarkNotificationsReadArgs): Promise<NotificationsReadType> {
    const notifications = await this.service.markRead(viewer, mark);
    return { notifications, unreadNotificationCount: await this.service.unreadCount(viewer) };
  }

  @Subscription(() => NotificationType, {
    description: "The viewer's new notifications, as they happen (each as the notifications query shows it).",
    resolve: (notification: Notification) => notification,
  })
  notificationAdded(@CurrentViewer() viewer: Viewer): AsyncIterableIterator<Notification> {
    const events = this.realtime.listen<{ notificationId: string }>(notificationsTopicOf(viewer.id));
    return mapEvents(events, async ({ notificationId }) => {
      const [notification] = await this.service.findOwnByIds(viewer, [notificationId]);
      return notification ?? Promise.reject(new NotFoundError('Notification'));
    });
  }

  @ResolveField(() => String, { description: "What happened, in one line, in the user's language (User.locale)." })
  async text(notification: Notification, _args: unknown, { req }: FieldContext): Promise<string> {
    const user = await this.users.load(req, notification.userId);
    return noticeLine(notification.kind, user.locale ?? Locale.FR, notification.facts);
  }
}
