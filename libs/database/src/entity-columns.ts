import { EntityMetadata, ObjectLiteral, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * The columns an entity loads (not those marked `select: false`) as `"column_name" AS "propertyName"`,
 * for the RETURNING or SELECT list of a statement whose rows then become entities with `asEntity`,
 * without TypeORM's hydration of raw results. `tableAlias` qualifies them in a join; `prefix`
 * keeps a joined entity's properties apart from the main one's (`"reputation.userId"`).
 */
export function columnsAsProperties(metadata: EntityMetadata, tableAlias?: string, prefix = ''): string {
  return sqlOf(metadata, `columns ${tableAlias ?? ''} ${prefix}`, () => {
    const qualifier = tableAlias ? `"${tableAlias}".` : '';
    return metadata.columns
      .filter((column) => column.isSelect)
      .map((column) => `${qualifier}"${column.databaseName}" AS "${prefix}${column.propertyName}"`)
      .join(', ');
  });
}

const sqlByEntity = new WeakMap<EntityMetadata, Map<string, string>>();

/** SQL text that depends on an entity's metadata only, built once: it is asked for on every page. */
function sqlOf(metadata: EntityMetadata, key: string, build: () => string): string {
  let texts = sqlByEntity.get(metadata);
  if (!texts) sqlByEntity.set(metadata, (texts = new Map()));
  let text = texts.get(key);
  if (text === undefined) texts.set(key, (text = build()));
  return text;
}

/** Types whose values pg parses as TypeORM would hydrate them: the other columns go through TypeORM's driver. */
const PARSED_BY_PG = new Set([
  'uuid',
  'text',
  'char',
  'varchar',
  'integer',
  'int',
  'smallint',
  'double precision',
  'boolean',
  'timestamptz',
  'enum',
]);
interface EntityShape {
  prototype: object;
  columns: { property: string; hydrate: ColumnMetadata | null }[];
}
const shapes = new WeakMap<EntityMetadata, EntityShape>();

function shapeOf(metadata: EntityMetadata): EntityShape {
  let shape = shapes.get(metadata);
  if (!shape) {
    shape = {
      prototype: (metadata.target as { prototype: object }).prototype,
      columns: metadata.columns
        .filter((column) => column.isSelect)
        .map((column) => ({
          property: column.propertyName,
          hydrate: column.isArray || column.transformer || !PARSED_BY_PG.has(String(column.type)) ? column : null,
        })),
    };
    shapes.set(metadata, shape);
  }
  return shape;
}

/**
 * The entity in a row selected with `columnsAsProperties` (other columns of the row are left out).
 * pg has parsed most values already; enum arrays (pg does not know their type), transformers
 * (bigint sums…) and other types go through TypeORM's driver as its own hydration would.
 */
export function asEntity<T extends ObjectLiteral>(metadata: EntityMetadata, row: Record<string, unknown>, prefix = ''): T {
  const { prototype, columns } = shapeOf(metadata);
  const entity = Object.create(prototype) as Record<string, unknown>;
  for (const { property, hydrate } of columns) {
    const value = row[prefix + property];
    entity[property] = hydrate ? metadata.connection.driver.prepareHydratedValue(value, hydrate) : value;
  }
  return entity as T;
}

/**
 * The rows whose `property` is one of `values`, in one plain statement: for the DataLoader batches
 * every page runs, where TypeORM's query building and hydration cost more CPU than the statement.
 */
export async function findWhereIn<T extends ObjectLiteral>(
  repository: Repository<T>,
  property: keyof T & string,
  values: readonly unknown[],
): Promise<T[]> {
  const { metadata } = repository;
  const statement = sqlOf(metadata, `where ${property} in`, () => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
    return `SELECT ${columnsAsProperties(metadata)} FROM "${metadata.tableName}" WHERE "${column.databaseName}" = ANY($1)`;
  });
  const rows = (await repository.query(statement, [values])) as Record<string, unknown>[];
  return rows.map((row) => asEntity<T>(metadata, row));
}
