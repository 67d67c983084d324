import { CurrentViewer, NotFoundError, Viewer } from '@marketplace/common';
import { Notification, NotificationType } from '@marketplace/notifications';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { Mission } from './mission.entity';
import { MissionType } from './mission.type';
import { MissionsLoader } from './missions.loader';

/** `Notification.mission` lives here: notifications sit below missions and cannot load them. */
@Resolver(() => NotificationType)
export class NotificationMissionResolver {
  constructor(private readonly missions: MissionsLoader) {}

  @ResolveField(() => MissionType, {
    nullable: true,
    description: 'The mission it is about; null when it is about none, or the viewer can no longer see it.',
  })
  async mission(
    @Parent() notification: Notification,
    @Context('req') req: Request,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<Mission | null> {
    if (!notification.missionId) return null;
    return this.missions.load(req, viewer, notification.missionId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }
}
