export { MAX_PHOTO_BYTES } from './photo-image';
export * from './photo.entity';
export * from './photo.type';
export * from './photos.errors';
export * from './photos.loader';
export * from './photos.module';
export * from './photos.service';
