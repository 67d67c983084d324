import { CurrentViewer, FieldContext, Viewer } from '@marketplace/common';
import { Photo, PhotosLoader, PhotoType } from '@marketplace/photos';
import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Mission } from '../mission.entity';
import { MissionType } from '../mission.type';
import { AddMissionPhotosArgs, RemoveMissionPhotoArgs } from './mission-photos.args';
import { MissionPhotos } from './mission-photos';

/** A mission's photos: whoever may see the mission gets their signed links, so a hidden mission's go only to those who still see it. */
@Resolver(() => MissionType)
export class MissionPhotosResolver {
  constructor(
    private readonly missionPhotos: MissionPhotos,
    private readonly photosLoader: PhotosLoader,
  ) {}

  @Mutation(() => MissionType, {
    description:
      'The client adds photos to their mission, after those it has (6 at most in all: BAD_USER_INPUT past that), while it is OPEN and no bid on it is pending (CONFLICT otherwise). NOT_FOUND for a photo that is not the viewer’s own upload, CONFLICT for one already attached; FORBIDDEN for anyone but the client.',
  })
  addMissionPhotos(@CurrentViewer() viewer: Viewer, @Args() { missionId, photoIds }: AddMissionPhotosArgs): Promise<Mission> {
    return this.missionPhotos.add(
      viewer,
      missionId.toLowerCase(),
      photoIds.map((id) => id.toLowerCase()),
    );
  }

  @Mutation(() => MissionType, {
    description:
      'The client takes a photo off their mission, on the same conditions as addMissionPhotos; NOT_FOUND when it is not one of the mission’s photos.',
  })
  removeMissionPhoto(@CurrentViewer() viewer: Viewer, @Args() { missionId, photoId }: RemoveMissionPhotoArgs): Promise<Mission> {
    return this.missionPhotos.remove(viewer, missionId.toLowerCase(), photoId.toLowerCase());
  }

  @ResolveField(() => [PhotoType], { description: 'Its photos, in order (6 at most). A page of missions loads them in one statement.' })
  photos(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Photo[]> {
    return this.photosLoader.loadMany(req, mission.photoIds);
  }

  @ResolveField(() => PhotoType, {
    nullable: true,
    description: 'Its first photo, for search results (use its thumbnailUrl); null when it has none.',
  })
  async coverPhoto(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Photo | null> {
    const [cover] = await this.photosLoader.loadMany(req, mission.photoIds.slice(0, 1));
    return cover ?? null;
  }
}
