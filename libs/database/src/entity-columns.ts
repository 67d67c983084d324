import { EntityMetadata } from 'typeorm';

/**
 * Every column of an entity as `"column_name" AS "propertyName"`, for the RETURNING or SELECT
 * list of a hand-written statement whose rows are then made into entities with `manager.create`.
 */
export function columnsAsProperties(metadata: EntityMetadata): string {
  return metadata.columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`).join(', ');
}
