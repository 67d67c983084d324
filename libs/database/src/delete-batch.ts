import { EntityManager } from 'typeorm';

/**
 * Deletes at most `limit` rows of `table` that meet `condition` (its own parameters are $1, $2…),
 * in one short statement, and gives how many went: one batch of a purge, which repeats it until a
 * batch comes back short. Called by the domain that owns the table.
 */
export async function deleteBatch(
  manager: EntityManager,
  { table, key = 'id', condition, parameters }: { table: string; key?: string; condition: string; parameters: unknown[] },
  limit: number,
): Promise<number> {
  const [, deleted] = (await manager.query(
    `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE (${condition}) LIMIT $${parameters.length + 1})`,
    [...parameters, limit],
  )) as [unknown[], number];
  return deleted;
}
