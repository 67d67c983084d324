import { Connection, connectionOf, invalidCursorError, isUuid, pageRequest } from '@marketplace/common';
import { asEntity, columnsAsProperties, pageByTime } from '@marketplace/database';
import { SelectQueryBuilder } from 'typeorm';
import { Mission, MissionCategory, MissionStatus } from './mission.entity';

export interface MissionSearch {
  status: MissionStatus;
  category?: MissionCategory | null;
  text?: string | null;
  near?: { latitude: number; longitude: number; radiusKm: number } | null;
}

const PUBLIC_POINT = 'll_to_earth(m.public_latitude, m.public_longitude)';
const SEARCH_POINT = 'll_to_earth(:nearLatitude, :nearLongitude)';
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
  query: SelectQueryBuilder<Mission>,
  search: MissionSearch,
  first: number,
  after?: string | null,
): Promise<Connection<Mission>> {
  query.where('m.status = :status AND m.hidden_at IS NULL', { status: search.status });
  if (search.category) query.andWhere('m.category = :category', { category: search.category });
  if (search.text) {
    query.andWhere(`m.search_vector @@ (websearch_to_tsquery('french', :text) || websearch_to_tsquery('english', :text))`, {
      text: search.text,
    });
  }
  if (!search.near) return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);

  const page = pageRequest(first, after, 2);
  const radiusMetres = search.near.radiusKm * 1000;
  query
    .select(columnsAsProperties(query.expressionMap.mainAlias!.metadata, 'm'))
    .addSelect(CHORD, 'chord')
    .addSelect(SURFACE_DISTANCE, 'distance_m')
    .andWhere(`earth_box(${SEARCH_POINT}, :radiusMetres) @> ${PUBLIC_POINT}`)
    .andWhere(`${SURFACE_DISTANCE} <= :radiusMetres`)
    .setParameters({ nearLatitude: search.near.latitude, nearLongitude: search.near.longitude, radiusMetres })
    .orderBy(CHORD, 'ASC')
    .addOrderBy('m.id', 'ASC')
    .limit(page.first + 1);
  if (page.after) {
    const [chord, id] = page.after;
    if (typeof chord !== 'number' || !Number.isFinite(chord) || !isUuid(id)) throw invalidCursorError();
    query.andWhere(`(${CHORD}, m.id) > (:afterChord, :afterId)`, { afterChord: chord, afterId: id });
  }
  // Raw rows named after the entity's properties: TypeORM's hydration of 30 columns × 21 rows cost more than the statement.
  const metadata = query.expressionMap.mainAlias!.metadata;
  const rows = await query.getRawMany<Record<string, unknown> & { chord: number; distance_m: number }>();
  const chords = new Map<Mission, number>();
  const missions = rows.map((row) => {
    const mission = asEntity<Mission>(metadata, row);
    mission.distanceKm = Math.round(row.distance_m / 10) / 100;
    chords.set(mission, row.chord);
    return mission;
  });
  return connectionOf(missions, page, (mission) => [chords.get(mission)!, mission.id]);
}
