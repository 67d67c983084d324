import { Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { PhotosService, PhotoUse } from '@marketplace/photos';
import { Injectable } from '@nestjs/common';
import { MAX_MISSION_PHOTOS, Mission } from '../mission.entity';
import { MissionsService } from '../missions.service';
import { NotAMissionPhotoError } from '../missions.errors';

/**
 * A mission's photos, changed by its client while it may edit the mission (MissionsService.lockForEditBy):
 * under the mission's lock, so concurrent changes cannot pass MAX_MISSION_PHOTOS together.
 */
@Injectable()
export class MissionPhotos {
  constructor(
    private readonly missions: MissionsService,
    private readonly photos: PhotosService,
    private readonly transactions: Transactions,
  ) {}

  /** Appended in the order given. */
  add(client: Viewer, missionId: string, photoIds: string[]): Promise<Mission> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForEditBy(manager, client, missionId);
      const max = MAX_MISSION_PHOTOS - mission.photoIds.length;
      await this.photos.attach(manager, { ownerId: client.id, photoIds, use: PhotoUse.MISSION, max });
      await manager.update(Mission, { id: missionId }, { photoIds: [...mission.photoIds, ...photoIds] });
      return manager.findOneByOrFail(Mission, { id: missionId });
    });
  }

  /** The photo is unattached again: purged in time unless the client attaches it anew. */
  remove(client: Viewer, missionId: string, photoId: string): Promise<Mission> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForEditBy(manager, client, missionId);
      if (!mission.photoIds.includes(photoId)) throw new NotAMissionPhotoError();
      await manager.update(Mission, { id: missionId }, { photoIds: mission.photoIds.filter((id) => id !== photoId) });
      await this.photos.release(manager, [photoId]);
      return manager.findOneByOrFail(Mission, { id: missionId });
    });
  }
}
