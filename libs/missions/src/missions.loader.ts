import { RequestLoaders } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { Mission } from './mission.entity';
import { MissionsService } from './missions.service';

/** Missions by id, batched per request: for `Bid.mission` and the like. */
@Injectable()
export class MissionsLoader {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly missions: MissionsService,
  ) {}

  load(request: object, id: string): Promise<Mission> {
    return this.loaders
      .get<string, Mission>(request, 'missionsById', async (ids) => {
        const missions = new Map((await this.missions.findByIds(ids)).map((mission) => [mission.id, mission]));
        return ids.map((missionId) => missions.get(missionId) ?? new Error(`Mission ${missionId} is missing`));
      })
      .load(id);
  }
}
