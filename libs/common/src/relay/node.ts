/**
 * Relay's Node interface and its `node(id:)` / `nodes(ids:)` queries. Ids stay the UUIDs each
 * table gives its rows (the contract fixes them), so an id is found by asking every Node type's
 * owner for it: one batched statement per owner's table. Each owner answers with its own
 * visibility rules, the ones its queries and fields apply, so `node` never shows more than they do.
 */
import { Injectable } from '@nestjs/common';
import { Args, Field, ID, InterfaceType, Query, Resolver } from '@nestjs/graphql';
import { AllowAnonymous, CurrentViewer } from '../auth/auth.decorators';
import { Viewer } from '../auth/viewer';
import { BadUserInputError } from '../errors/domain-error';
import { assertUuid } from '../ids';
import { MAX_PAGE_SIZE } from '../pagination/connection';

const typeNames = new WeakMap<object, string>();

@InterfaceType('Node', {
  description: 'An object with an id that is unique across the API: refetch it with node(id:) or nodes(ids:).',
  resolveType: (value: object) => typeNames.get(value),
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'The global id: the same UUID the type shows everywhere else.' })
  id!: string;
}

/** A Node type's owner: of the ids asked, the rows the viewer may see, by the type's own rules, in any order. */
export interface NodeSource {
  typeName: string;
  visibleByIds(viewer: Viewer | undefined, ids: string[]): Promise<{ id: string }[]>;
}

@Injectable()
export class NodeSources {
  private readonly sources: NodeSource[] = [];

  register(source: NodeSource): void {
    this.sources.push(source);
  }

  /** The nodes of these ids, in their order: null where none is, or the viewer may not see it. */
  async find(viewer: Viewer | undefined, ids: string[]): Promise<(object | null)[]> {
    const wanted = [...new Set(ids)];
    const found = new Map<string, object>();
    const answers = await Promise.all(this.sources.map(async (source) => ({ source, rows: await source.visibleByIds(viewer, wanted) })));
    for (const { source, rows } of answers) {
      for (const row of rows) {
        typeNames.set(row, source.typeName);
        found.set(row.id, row);
      }
    }
    return ids.map((id) => found.get(id) ?? null);
  }
}

@Resolver()
export class NodeResolver {
  constructor(private readonly sources: NodeSources) {}

  @AllowAnonymous()
  @Query(() => NodeInterface, {
    nullable: true,
    description: 'The object of this id, if the viewer may see it (the same rules as its own query or field); null otherwise.',
  })
  async node(
    @CurrentViewer() viewer: Viewer | undefined,
    @Args('id', { type: () => ID, description: 'The id of any Node.' }) id: string,
  ): Promise<object | null> {
    const [node] = await this.sources.find(viewer, [assertUuid(id)]);
    return node;
  }

  @AllowAnonymous()
  @Query(() => [NodeInterface], {
    nullable: 'items',
    description: `The objects of these ids, in their order, null where node(id:) would be: at most ${MAX_PAGE_SIZE} ids.`,
  })
  nodes(
    @CurrentViewer() viewer: Viewer | undefined,
    @Args('ids', { type: () => [ID], description: 'Ids of any Nodes, of any types.' }) ids: string[],
  ): Promise<(object | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw BadUserInputError.forField('ids', `at most ${MAX_PAGE_SIZE} ids`);
    return this.sources.find(
      viewer,
      ids.map((id) => assertUuid(id, 'ids')),
    );
  }
}
