import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many attempts one key (`login:email:…`, `report:user:…`, `bid:ip:…`) made in its current
 * window. A row past its window counts for nothing: the next attempt starts a new window, and the
 * hourly purge deletes it.
 */
@Entity('rate_limit_counters')
@Check('rate_limit_counters_hits_check', 'hits >= 0')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  windowEndsAt!: Date;
}
