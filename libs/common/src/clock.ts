import { Injectable } from '@nestjs/common';

/** The current time, injected so that windows and expiries are tested without sleeping. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
