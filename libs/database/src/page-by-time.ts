import { Connection, connectionOf, invalidCursorError, isUuid, pageRequest } from '@marketplace/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface TimeOrder<T> {
  /**
   * The timestamp column, unqualified (e.g. `created_at`); ties are broken by `id`. Cursors carry
   * milliseconds, as JavaScript dates do, so the column must be `timestamptz(3)` or set from a Date.
   */
  column: string;
  direction: 'ASC' | 'DESC';
  timeOf: (row: T) => Date;
}

/**
 * One page of a list ordered by a timestamp then id, with keyset cursors (never OFFSET): pages
 * stay stable while rows are added, and cost the same at any depth given an index on (column, id).
 */
export async function pageByTime<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  order: TimeOrder<T>,
  first: number,
  after?: string | null,
): Promise<Connection<T>> {
  const page = pageRequest(first, after, 2);
  const time = `${query.alias}.${order.column}`;
  const id = `${query.alias}.id`;
  query
    .orderBy(time, order.direction)
    .addOrderBy(id, order.direction)
    .limit(page.first + 1);
  if (page.after) {
    const [afterTime, afterId] = page.after;
    if (typeof afterTime !== 'string' || !ISO_INSTANT.test(afterTime) || !isUuid(afterId)) throw invalidCursorError();
    const beyond = order.direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${time}, ${id}) ${beyond} (:pageAfterTime, :pageAfterId)`, {
      pageAfterTime: afterTime,
      pageAfterId: afterId,
    });
  }
  return connectionOf(await query.getMany(), page.first, (row) => [order.timeOf(row).toISOString(), row.id]);
}
