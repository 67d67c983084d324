import { Clock, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { Mission, MissionCategory, MissionStatus } from '@marketplace/missions';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_RADIUS_KM, isAnonymousEnough, PriceArea, priceAreaOf, SAMPLE_MONTHS, toWholeEuros } from './price-area';

/** What the accepted prices of an area say, when its sample is large enough. */
export interface PriceInsight {
  category: MissionCategory;
  /** The snapped centre, and the radius of the ladder, answered for. */
  near: { latitude: number; longitude: number };
  radiusKm: number;
  p25AmountCents: number;
  medianAmountCents: number;
  p75AmountCents: number;
  medianHourlyAmountCents: number | null;
  currency: 'EUR';
  since: Date;
  computedAt: Date;
}

/**
 * The sample: bids ACCEPTED in the SAMPLE_MONTHS before the refresh (a bid's updated_at is its
 * acceptance: an accepted bid changes again only when the acceptance lapses, to EXPIRED), on
 * missions neither cancelled nor hidden by a moderator, each at its mission's public point.
 * One statement over the bids and missions tables, read only (as the earnings statements do).
 */
const REFRESH = `
  WITH written AS (
  INSERT INTO price_insight_cells (category, latitude, longitude, point, amounts_cents, hourly_cents, provider_ids, client_ids, computed_at)
  SELECT m.category, m.public_latitude, m.public_longitude, ll_to_earth(m.public_latitude, m.public_longitude)::cube,
         array_agg(b.amount_cents ORDER BY b.id),
         array_agg(round(b.amount_cents / b.estimated_hours)::int ORDER BY b.id),
         array_agg(b.provider_id ORDER BY b.id),
         array_agg(m.client_id ORDER BY b.id),
         $1::timestamptz
    FROM bids b JOIN missions m ON m.id = b.mission_id
   WHERE b.status = 'ACCEPTED' AND b.updated_at > $2::timestamptz AND b.updated_at <= $1::timestamptz
     AND m.status <> '${MissionStatus.CANCELLED}' AND m.hidden_at IS NULL
   GROUP BY m.category, m.public_latitude, m.public_longitude
   RETURNING 1)
  SELECT count(*)::int AS cells FROM written`;

/**
 * Every area asked at once (one per row of the arrays): the cells within its radius, their entries
 * unnested. The centre and the chord of the radius are computed once per area, so each cell costs
 * two cube operations (earth_distance ≤ r is cube_distance ≤ gc_to_sec(r): the same cells).
 */
const INSIGHTS = `
  WITH a AS MATERIALIZED (
    SELECT category, ll_to_earth(latitude, longitude)::cube AS centre, earth_box(ll_to_earth(latitude, longitude), radius_m) AS box,
           gc_to_sec(radius_m) AS chord, ord
      FROM unnest($1::mission_category[], $2::float8[], $3::float8[], $4::float8[]) WITH ORDINALITY AS a(category, latitude, longitude, radius_m, ord)
  )
  SELECT a.ord::int AS ord,
         count(DISTINCT s.provider_id)::int AS providers,
         count(DISTINCT s.client_id)::int AS clients,
         percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY s.amount) AS quartiles,
         count(DISTINCT s.provider_id) FILTER (WHERE s.hourly IS NOT NULL)::int AS hourly_providers,
         count(DISTINCT s.client_id) FILTER (WHERE s.hourly IS NOT NULL)::int AS hourly_clients,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY s.hourly) AS median_hourly,
         max(c.computed_at) AS computed_at
    FROM a
    JOIN price_insight_cells c ON c.category = a.category AND a.box @> c.point AND cube_distance(a.centre, c.point) <= a.chord
   CROSS JOIN LATERAL unnest(c.amounts_cents, c.hourly_cents, c.provider_ids, c.client_ids) AS s(amount, hourly, provider_id, client_id)
   GROUP BY a.ord`;

interface InsightRow {
  ord: number;
  providers: number;
  clients: number;
  quartiles: number[];
  hourly_providers: number;
  hourly_clients: number;
  median_hourly: number | null;
  computed_at: Date;
}

/**
 * The fair-price insight (issue #19): quartiles of the amounts accepted in a category and area over
 * the last 12 months, and the median hourly amount, from an aggregate the refresh job rebuilds
 * (price_insight_cells), so a question costs an index scan over a few hundred cells at a million missions.
 */
@Injectable()
export class PriceInsightService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The refresh job: the aggregate rebuilt from the bids, in one transaction (readers see the former one until it commits). */
  async refresh(): Promise<number> {
    const computedAt = this.clock.now();
    return this.transactions.run(async (manager) => {
      // Two refreshes at once would both insert every cell: the second waits for the first.
      await manager.query('LOCK TABLE price_insight_cells IN EXCLUSIVE MODE');
      await manager.query('DELETE FROM price_insight_cells');
      const [{ cells }] = (await manager.query(REFRESH, [computedAt, sampleStartOf(computedAt)])) as { cells: number }[];
      return cells;
    });
  }

  /** The insight of the area asked (snapped, see price-area.ts), or null while too few parties are in its sample. */
  async near(category: MissionCategory, near: { latitude: number; longitude: number }, radiusKm: number): Promise<PriceInsight | null> {
    const [insight] = await this.insightsFor([priceAreaOf(category, near, radiusKm)]);
    return insight;
  }

  /**
   * The insight shown on a mission (its category, DEFAULT_RADIUS_KM around its public point): to its
   * client, and to providers who may bid on it (OPEN, not theirs; `mayBid` says the rest); null for anyone else.
   */
  shownOn(mission: Mission, viewer: Viewer | undefined, mayBid: boolean): PriceArea | null {
    if (!viewer) return null;
    const biddable = mission.status === MissionStatus.OPEN && !mission.hiddenAt && mayBid;
    if (mission.clientId !== viewer.id && !biddable) return null;
    return priceAreaOf(mission.category, { latitude: mission.publicLatitude, longitude: mission.publicLongitude }, DEFAULT_RADIUS_KM);
  }

  /** The insights of several areas in one statement, in the order asked. */
  async insightsFor(areas: readonly PriceArea[]): Promise<(PriceInsight | null)[]> {
    const rows = (await this.dataSource.query(INSIGHTS, [
      areas.map((area) => area.category),
      areas.map((area) => area.latitude),
      areas.map((area) => area.longitude),
      areas.map((area) => area.radiusKm * 1000),
    ])) as InsightRow[];
    const byOrdinal = new Map(rows.map((row) => [row.ord, row]));
    return areas.map((area, index) => {
      const row = byOrdinal.get(index + 1);
      if (!row || !isAnonymousEnough(row)) return null;
      const [p25, median, p75] = row.quartiles.map(toWholeEuros);
      const hourlyShown = row.median_hourly !== null && isAnonymousEnough({ providers: row.hourly_providers, clients: row.hourly_clients });
      const computedAt = new Date(row.computed_at);
      return {
        category: area.category,
        near: { latitude: area.latitude, longitude: area.longitude },
        radiusKm: area.radiusKm,
        p25AmountCents: p25,
        medianAmountCents: median,
        p75AmountCents: p75,
        medianHourlyAmountCents: hourlyShown ? toWholeEuros(row.median_hourly!) : null,
        currency: 'EUR',
        since: sampleStartOf(computedAt),
        computedAt,
      };
    });
  }
}

/** SAMPLE_MONTHS before the refresh (in UTC; from the 31st, JavaScript's month arithmetic runs into the next month). */
function sampleStartOf(computedAt: Date): Date {
  const since = new Date(computedAt);
  since.setUTCMonth(since.getUTCMonth() - SAMPLE_MONTHS);
  return since;
}
