/** Rows a purge deletes per statement: small enough that no batch holds its locks for long. */
export const PURGE_BATCH_SIZE = 500;

/**
 * Runs `deleteBatch` (one short statement or transaction, deleting at most `limit` rows) until a
 * batch comes back short, and gives the total: a large backlog goes in many small steps.
 */
export async function inBatches(deleteBatch: (limit: number) => Promise<number>, limit = PURGE_BATCH_SIZE): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(limit);
    total += deleted;
    if (deleted < limit) return total;
  }
}
