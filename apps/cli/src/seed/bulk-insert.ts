/**
 * Rows written in bulk: one `INSERT … SELECT … FROM unnest(<one array per column>)` per table and
 * batch, fast enough for a million missions. Its columns and their types come from the entity's
 * TypeORM metadata, so the entities stay the one description of the tables: rows carry entity
 * properties, and the columns they leave out take their defaults.
 */
import { EntityMetadata, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export interface BulkInsert<Row> {
  sql: string;
  params(rows: readonly Row[]): unknown[][];
}

/** The INSERT of the entity's columns for `properties`, in that order. */
export function bulkInsert<Row extends object>(metadata: EntityMetadata, properties: readonly (keyof Row & string)[]): BulkInsert<Row> {
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column?.isInsert) throw new Error(`${metadata.name} has no column to write ${property} into`);
    return column;
  });
  const names = columns.map((column) => `"${column.databaseName}"`);
  const arrays = columns.map((column, index) => `$${index + 1}::${column.isArray ? 'text' : sqlTypeOf(metadata, column)}[]`);
  // unnest flattens an array of arrays: array columns travel as one array literal per row, cast back here.
  const values = columns.map((column, index) => (column.isArray ? `${names[index]}::${sqlTypeOf(metadata, column)}[]` : names[index]));
  const readers: ((row: Row) => unknown)[] = columns.map(({ propertyName, isArray }) =>
    isArray ? (row: Row) => arrayLiteral(row[propertyName as keyof Row] as unknown[]) : (row: Row) => row[propertyName as keyof Row],
  );
  return {
    sql: `INSERT INTO "${metadata.tableName}" (${names.join(', ')}) SELECT ${values.join(', ')} FROM unnest(${arrays.join(', ')}) AS r(${names.join(', ')})`,
    params: (rows) => readers.map((read) => rows.map(read)),
  };
}

function sqlTypeOf(metadata: EntityMetadata, column: ColumnMetadata): string {
  if (column.type === 'enum') {
    if (!column.enumName) throw new Error(`${metadata.name}.${column.propertyName} is an enum without enumName`);
    return `"${column.enumName}"`;
  }
  const type = metadata.connection.driver.normalizeType(column);
  return column.length ? `${type}(${column.length})` : type;
}

/** `{"A","B"}`: PostgreSQL's text form of an array. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => `"${String(value).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const insertsByShape = new Map<string, BulkInsert<object>>();

/** Writes rows of one shape (the properties of the first) into the entity's table, in one statement. */
export async function insertRows(runner: QueryRunner, entity: EntityTarget<ObjectLiteral>, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = runner.connection.getMetadata(entity);
  const properties = Object.keys(rows[0]);
  const shape = `${metadata.name}(${properties.join()})`;
  let insert = insertsByShape.get(shape);
  if (!insert) insertsByShape.set(shape, (insert = bulkInsert<object>(metadata, properties as never[])));
  await runner.query(insert.sql, insert.params(rows));
}
