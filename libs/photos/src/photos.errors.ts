import { BadUserInputError, ConflictError, NotFoundError } from '@marketplace/common';

export class PhotoNotFoundError extends NotFoundError {
  constructor() {
    super('Photo');
  }
}

export class PhotoAlreadyAttachedError extends ConflictError {
  constructor() {
    super('A photo can be attached once: this one already is. Upload it again to use it elsewhere.');
  }
}

export class TooManyPhotosError extends BadUserInputError {
  constructor(max: number) {
    super(`photoIds: at most ${max} more photo(s) can be attached here`, [
      { field: 'photoIds', message: `at most ${max} more photo(s) can be attached here` },
    ]);
  }
}

export class RepeatedPhotoError extends BadUserInputError {
  constructor() {
    super('photoIds: a photo is named twice', [{ field: 'photoIds', message: 'must not name a photo twice' }]);
  }
}

/** A CONFLICT, not TOO_MANY_REQUESTS: waiting does not help, attaching the photos (or their purge) does. */
export class TooManyUnattachedPhotosError extends ConflictError {
  constructor(max: number) {
    super(`You already have ${max} photos not attached to anything: attach them before uploading more.`);
  }
}
