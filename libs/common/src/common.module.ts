import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { NodeResolver, NodeSources } from './relay/node';
import { RequestLoaders } from './request/request-loaders';

/** What every module may inject from here: the clock, the per-request loaders, and where Node types register. */
@Global()
@Module({ providers: [Clock, RequestLoaders, NodeSources, NodeResolver], exports: [Clock, RequestLoaders, NodeSources] })
export class CommonModule {}
