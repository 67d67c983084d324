import { Connection, connectionOf, invalidCursorError, isUuid, pageRequest } from '@marketplace/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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
    const [afterTime, afterId] = timeAndIdOf(page.after);
    const beyond = order.direction === 'ASC' ? '>' : '<';
    query.andWhere(`(${time}, ${id}) ${beyond} (:pageAfterTime, :pageAfterId)`, {
      pageAfterTime: afterTime,
      pageAfterId: afterId,
    });
  }
  return connectionOf(await query.getMany(), page, (row) => [order.timeOf(row).toISOString(), row.id]);
}

/** The (time, id) key of a cursor, checked: only a key this API could have given out reaches SQL. */
export function timeAndIdOf(key: (string | number)[]): [string, string] {
  const [time, id] = key;
  const isInstant =
    typeof time === 'string' && /^\d{4}-/.test(time) && !Number.isNaN(Date.parse(time)) && new Date(time).toISOString() === time;
  if (!isInstant || !isUuid(id)) throw invalidCursorError();
  return [time, id];
}
