import { Connection, connectionOf, invalidCursorError, isUuid, pageRequest } from '@marketplace/common';
import { asEntity, columnsAsProperties, pageByTime } from '@marketplace/database';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { Mission, MissionCategory, MissionStatus } from './mission.entity';

export interface MissionSearch {
  status: MissionStatus;
  category?: MissionCategory | null;
  text?: string | null;
  near?: { latitude: number; longitude: number; radiusKm: number } | null;
}

const PUBLIC_POINT = 'll_to_earth(m.public_latitude, m.public_longitude)';
/** The search point is always $1 (latitude) and $2 (longitude). */
const SEARCH_POINT = 'll_to_earth($1, $2)';
/** Straight-line distance through the earth: it orders like the surface distance and a GiST index can walk it (KNN). */
const CHORD = `(${PUBLIC_POINT} <-> ${SEARCH_POINT})`;
const SURFACE_DISTANCE = `earth_distance(${PUBLIC_POINT}, ${SEARCH_POINT})`;

/**
 * One page of the mission search. Near a point: nearest first, keyed by (distance, id); otherwise
 * newest first, keyed by (created_at, id). Hidden missions never appear. Both orders are served by
 * indexes (GiST over the public point, btree over creation time), so a page costs the same at
 * any depth of a million rows and cursors stay stable while missions are posted.
 */
export async function searchMissions(
  missions: Repository<Mission>,
  search: MissionSearch,
  first: number,
  after?: string | null,
): Promise<Connection<Mission>> {
  if (!search.near) return searchByTime(missions.createQueryBuilder('m'), search, first, after);

  const page = pageRequest(first, after, 2);
  const radiusMetres = search.near.radiusKm * 1000;
  const values: unknown[] = [search.near.latitude, search.near.longitude, search.status, radiusMetres];
  const valueOf = (value: unknown) => `$${values.push(value)}`;
  const conditions = [
    'm.status = $3',
    'm.hidden_at IS NULL',
    `earth_box(${SEARCH_POINT}, $4) @> ${PUBLIC_POINT}`,
    `${SURFACE_DISTANCE} <= $4`,
  ];
  if (search.category) conditions.push(`m.category = ${valueOf(search.category)}`);
  if (search.text) conditions.push(textMatch(valueOf(search.text)));
  if (page.after) {
    const [chord, id] = page.after;
    if (typeof chord !== 'number' || !Number.isFinite(chord) || !isUuid(id)) throw invalidCursorError();
    conditions.push(`(${CHORD}, m.id) > (${valueOf(chord)}, ${valueOf(id)})`);
  }
  // Written here rather than by a query builder, whose work per request cost more than the statement,
  // and read as raw rows named after the entity's properties: TypeORM's hydration of 30 columns × 21 rows did too.
  const rows = (await missions.query(
    `SELECT ${columnsAsProperties(missions.metadata, 'm')}, ${CHORD} AS chord, ${SURFACE_DISTANCE} AS distance_m
       FROM missions m WHERE ${conditions.join(' AND ')}
      ORDER BY ${CHORD}, m.id LIMIT ${valueOf(page.first + 1)}`,
    values,
  )) as (Record<string, unknown> & { chord: number; distance_m: number })[];
  const chords = new Map<Mission, number>();
  const found = rows.map((row) => {
    const mission = asEntity<Mission>(missions.metadata, row);
    mission.distanceKm = Math.round(row.distance_m / 10) / 100;
    chords.set(mission, row.chord);
    return mission;
  });
  return connectionOf(found, page, (mission) => [chords.get(mission)!, mission.id]);
}

function searchByTime(
  query: SelectQueryBuilder<Mission>,
  search: MissionSearch,
  first: number,
  after?: string | null,
): Promise<Connection<Mission>> {
  query.where('m.status = :status AND m.hidden_at IS NULL', { status: search.status });
  if (search.category) query.andWhere('m.category = :category', { category: search.category });
  if (search.text) query.andWhere(textMatch(':text'), { text: search.text });
  return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
}

/** Full-text match in French or English (the search vector holds both), for a query parameter. */
function textMatch(text: string): string {
  return `m.search_vector @@ (websearch_to_tsquery('french', ${text}) || websearch_to_tsquery('english', ${text}))`;
}
