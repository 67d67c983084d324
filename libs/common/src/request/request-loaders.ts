import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders without request-scoped providers: loaders live as long as the request
 * object they are keyed on, so field resolvers batch their lookups into one query per request.
 */
@Injectable()
export class RequestLoaders {
  private readonly byRequest = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

  get<K, V>(request: object, name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loaders = this.byRequest.get(request);
    if (!loaders) this.byRequest.set(request, (loaders = new Map()));
    let loader = loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
