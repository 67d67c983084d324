import { EntityMetadata } from 'typeorm';

/**
 * The columns an entity loads (not those marked `select: false`) as `"column_name" AS "propertyName"`,
 * for the RETURNING or SELECT list of a statement whose rows are then made into entities with
 * `create`, without TypeORM's hydration of raw results. `tableAlias` qualifies them in a join.
 */
export function columnsAsProperties(metadata: EntityMetadata, tableAlias?: string): string {
  const qualifier = tableAlias ? `"${tableAlias}".` : '';
  return metadata.columns
    .filter((column) => column.isSelect)
    .map((column) => `${qualifier}"${column.databaseName}" AS "${column.propertyName}"`)
    .join(', ');
}
