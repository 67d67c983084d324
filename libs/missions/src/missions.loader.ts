import { NotFoundError, RequestLoaders, Viewer } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { Mission } from './mission.entity';
import { MissionsService } from './missions.service';

/**
 * Missions by id as the request's viewer may see them, batched per request: for `Bid.mission`,
 * `Rating.mission` and the like. The lists that lead here leave out the rows whose mission the
 * viewer may not see (`MissionsService.whereVisible`), so NOT_FOUND here is only the last line.
 */
@Injectable()
export class MissionsLoader {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly missions: MissionsService,
  ) {}

  load(request: object, viewer: Viewer | undefined, id: string): Promise<Mission> {
    return this.loaders
      .get<string, Mission>(request, 'visibleMissionsById', async (ids) => {
        const missions = new Map((await this.missions.findVisibleByIds(viewer, ids)).map((mission) => [mission.id, mission]));
        return ids.map((missionId) => missions.get(missionId) ?? new NotFoundError('Mission'));
      })
      .load(id);
  }
}
