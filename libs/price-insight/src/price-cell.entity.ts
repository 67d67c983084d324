import { MissionCategory } from '@marketplace/missions';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The accepted prices of the last 12 months in one category at one public point (missions' public
 * points are rounded to 0.01°, about a kilometre: the cells are theirs). Parallel arrays, one entry
 * per accepted bid, so a radius's sample is the union of its cells' entries: quantiles and distinct
 * parties come out exactly as over the bids themselves. Rebuilt whole by the refresh job; written
 * by PriceInsightService alone. The GiST index over (category, point) is written in the migration.
 */
@Entity('price_insight_cells')
@Index('price_insight_cells_location_idx', { synchronize: false })
export class PriceCell {
  @PrimaryColumn({ type: 'enum', enum: MissionCategory, enumName: 'mission_category' })
  category!: MissionCategory;

  @PrimaryColumn({ type: 'double precision' })
  latitude!: number;

  @PrimaryColumn({ type: 'double precision' })
  longitude!: number;

  /**
   * ll_to_earth(latitude, longitude), kept as a plain cube: computing it (and checking the earth
   * domain) for each cell at each question cost more than the rest of the question.
   */
  @Column({ type: 'cube', select: false })
  point?: number[];

  @Column({ type: 'integer', array: true })
  amountsCents!: number[];

  /** The amount per estimated hour, rounded to the cent; null where the bid estimated no hours. */
  @Column({ type: 'integer', array: true })
  hourlyCents!: (number | null)[];

  @Column({ type: 'uuid', array: true })
  providerIds!: string[];

  @Column({ type: 'uuid', array: true })
  clientIds!: string[];

  /** When the refresh that wrote it ran; its sample is the 12 months before. */
  @Column({ type: 'timestamptz', precision: 3 })
  computedAt!: Date;
}
