import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { RequestLoaders } from './request/request-loaders';

/** What every module may inject from here: the clock and the per-request loaders. */
@Global()
@Module({ providers: [Clock, RequestLoaders], exports: [Clock, RequestLoaders] })
export class CommonModule {}
