import { NotFoundError, Viewer } from '@marketplace/common';
import { RealtimeEvents, RealtimeTopic } from '@marketplace/realtime';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Mission } from './mission.entity';
import { MissionsService } from './missions.service';

/** missionUpdated: a mission's lifecycle steps and bid count, as they commit, to whoever may see it. */
@Injectable()
export class MissionUpdates {
  constructor(
    private readonly missions: MissionsService,
    private readonly realtime: RealtimeEvents,
  ) {}

  /** In the caller's transaction: missionUpdated's subscribers hear of the change when, and only if, it commits. */
  published(manager: EntityManager, missionId: string): Promise<void> {
    return this.realtime.publish(manager, RealtimeTopic.mission(missionId), { missionId });
  }

  /**
   * The mission as the viewer sees it after each change: NOT_FOUND when they may not see it (where
   * `mission(id)` answers null), at the start or later (hidden meanwhile), which ends the stream.
   * Each change is read once for all of this instance's subscribers to the mission.
   */
  follow(viewer: Viewer, id: string): Promise<AsyncIterableIterator<Mission>> {
    return this.realtime.follow(RealtimeTopic.mission(id), async (event) => {
      const [mission] = event
        ? await this.realtime.oncePerEvent(event, 'mission', () => this.missions.findByIds([id]))
        : await this.missions.findVisibleByIds(viewer, [id]);
      if (!mission || !this.missions.isVisibleTo(mission, viewer)) throw new NotFoundError('Mission');
      return mission;
    });
  }
}
