import { AccountsModule } from '@marketplace/accounts';
import { ModerationDecisionsModule } from '@marketplace/moderation-decisions';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { NotificationsModule } from '@marketplace/notifications';
import { PhotosModule } from '@marketplace/photos';
import { RealtimeModule } from '@marketplace/realtime';
import { NodeSources } from '@marketplace/common';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MissionLifecycle } from './lifecycle/mission-lifecycle';
import { DisputeResolver, MissionLifecycleResolver } from './lifecycle/mission-lifecycle.resolver';
import { MissionEvents } from './mission-events';
import { MissionUpdates } from './mission-updates';
import { Mission } from './mission.entity';
import { MissionEdgeResolver, MissionResolver } from './mission.resolver';
import { MissionNotices } from './mission-notices';
import { MissionsLoader } from './missions.loader';
import { MissionsService } from './missions.service';
import { NotificationMissionResolver } from './notification-mission.resolver';
import { MissionPhotos } from './photos/mission-photos';
import { MissionPhotosResolver } from './photos/mission-photos.resolver';
import { UserContactResolver } from './user-contact.resolver';

@Module({
  imports: [
    TypeOrmModule.forFeature([Mission]),
    AccountsModule,
    ModerationLogModule,
    ModerationDecisionsModule,
    NotificationsModule,
    PhotosModule,
    RealtimeModule,
  ],
  providers: [
    MissionsService,
    MissionLifecycle,
    MissionEvents,
    MissionUpdates,
    MissionsLoader,
    MissionNotices,
    MissionResolver,
    MissionEdgeResolver,
    MissionLifecycleResolver,
    DisputeResolver,
    UserContactResolver,
    NotificationMissionResolver,
    MissionPhotos,
    MissionPhotosResolver,
  ],
  exports: [MissionsService, MissionLifecycle, MissionEvents, MissionUpdates, MissionsLoader, MissionNotices],
})
export class MissionsModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly missions: MissionsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register({ typeName: 'Mission', visibleByIds: (viewer, ids) => this.missions.findVisibleByIds(viewer, ids) });
  }
}
