import { INestApplicationContext } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed schema, reviewed with every change and checked against the public contract. */
export const SCHEMA_FILE = join('apps', 'api', 'schema.gql');

export function printGeneratedSchema(app: INestApplicationContext): string {
  return `${printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema))}\n`;
}

export async function writeSchemaFile(app: INestApplicationContext): Promise<string> {
  writeFileSync(join(process.cwd(), SCHEMA_FILE), printGeneratedSchema(app));
  return SCHEMA_FILE;
}
