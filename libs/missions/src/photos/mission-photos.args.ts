import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { MissionIdArgs } from '../lifecycle/lifecycle.args';

@ArgsType()
export class AddMissionPhotosArgs extends MissionIdArgs {
  @Field(() => [ID], { description: 'Photos the viewer uploaded (POST /photos) and has not attached yet, appended in this order.' })
  @IsUUID('all', { each: true, message: 'must be valid ids (UUID)' })
  photoIds!: string[];
}

@ArgsType()
export class RemoveMissionPhotoArgs extends MissionIdArgs {
  @Field(() => ID, { description: 'One of the mission’s photos.' })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  photoId!: string;
}
