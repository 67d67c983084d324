import { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { BadUserInputError } from '../errors/domain-error';

@ObjectType({ description: 'Where a page ends in its list, to ask for the next page.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The last edge's cursor, to pass as `after` for the next page; null when the page is empty.",
  })
  endCursor!: string | null;

  @Field({
    description:
      'True when the page was asked for after a cursor: the row that cursor was given for, and those before it, come before this page. Lists are paged forward only (first/after), so without after it is false.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null when the page is empty." })
  startCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * The fields of an edge, to extend when an edge carries more than its node
 * (`@ObjectType('<Name>Edge', { description })` on the subclass).
 */
export function EdgeFields<T>(nodeType: Type<T>, name: string): Type<Edge<T>> {
  @ObjectType({ isAbstract: true })
  class EdgeOfNode {
    @Field({ description: 'Opaque position of this item in its list: pass it as `after` to get the items that follow it.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name} itself.` })
    node!: T;
  }
  return EdgeOfNode;
}

function plainEdgeType<T>(nodeType: Type<T>, name: string): Type<Edge<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page of a list, with its cursor.` })
  class EdgeType extends EdgeFields(nodeType, name) {}
  return EdgeType;
}

/** The GraphQL `<Name>Connection` and `<Name>Edge` types for a node type; `edgeType` when its edges have fields of their own. */
export function ConnectionType<T>(nodeType: Type<T>, name: string, edgeType?: Type<Edge<T>>): Type<Connection<T>> {
  const edgeOfNode = edgeType ?? plainEdgeType(nodeType, name);

  @ObjectType(`${name}Connection`, { description: `A page of a list of ${name} items (a Relay cursor connection).` })
  class ConnectionOfNodes {
    @Field(() => [edgeOfNode], { description: "This page's items, in the list's order; empty when nothing matches." })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to ask for them.' })
    pageInfo!: PageInfo;
  }
  return ConnectionOfNodes;
}

export const MAX_PAGE_SIZE = 100;

/** The descriptions of every list's `first` and `after` arguments. */
export const PAGE_SIZE_DESCRIPTION = `How many items to return, 1 to ${MAX_PAGE_SIZE} (BAD_USER_INPUT otherwise).`;
export const PAGE_AFTER_DESCRIPTION =
  'The `endCursor` of the page before, for the items that follow it; omitted for the first page. BAD_USER_INPUT for a cursor this list did not give out.';

/** A page request: `first` checked, `after` decoded into the sort key values it was made of. */
export interface PageRequest {
  first: number;
  after: (string | number)[] | null;
}

export function pageRequest(first: number, after: string | null | undefined, keyLength: number): PageRequest {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw BadUserInputError.forField('first', `must be from 1 to ${MAX_PAGE_SIZE}`);
  }
  return { first, after: after ? decodeCursor(after, keyLength) : null };
}

/** Opaque cursors: the sort key values of the last row seen, so pages stay stable under inserts. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, keyLength: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === keyLength && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key;
    }
  } catch {
    // reported below
  }
  throw invalidCursorError();
}

/** For a cursor that decodes but whose values could not have come from this list. */
export function invalidCursorError(): BadUserInputError {
  return BadUserInputError.forField('after', 'is not a cursor this list gave out');
}

/** Builds a page from up to `first + 1` rows fetched in order. */
export function connectionOf<T>(rows: T[], page: PageRequest, keyOf: (row: T) => (string | number)[]): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: page.after !== null,
      startCursor: edges.at(0)?.cursor ?? null,
    },
  };
}

/** A list the viewer may not see any of: no rows, whatever the page asked. */
export function emptyConnection<T>(): Connection<T> {
  return { edges: [], pageInfo: { hasNextPage: false, endCursor: null, hasPreviousPage: false, startCursor: null } };
}
