import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Photo', {
  description:
    'A photo uploaded with POST /photos: a JPEG, upright, without metadata (no EXIF, no location), at most 2560 px on a side, with a thumbnail 400 px wide. Its links are signed and expire; they are given to whoever may see what the photo is attached to.',
})
export class PhotoType {
  @Field(() => ID, { description: "The photo's id, as POST /photos answered it." })
  id!: string;

  @Field({ description: 'A signed link to the photo (image/jpeg), valid for one to two PHOTO_LINK_TTL_SECONDS (an hour by default).' })
  url!: string;

  @Field({ description: 'A signed link to its thumbnail (image/jpeg, 400 px wide), valid as long as `url`.' })
  thumbnailUrl!: string;

  @Field(() => Int, { description: 'Width of the stored photo, in pixels.' })
  width!: number;

  @Field(() => Int, { description: 'Height of the stored photo, in pixels.' })
  height!: number;
}
