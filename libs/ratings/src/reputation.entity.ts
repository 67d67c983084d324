import { User } from '@marketplace/accounts';
import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/**
 * Counts and sums of a user's published, not hidden scores per role, kept exact by the very
 * transactions that publish or hide ratings: reading a reputation never scans ratings.
 */
@Entity('reputations')
@Check('reputations_counts', `as_provider_count >= 0 AND as_client_count >= 0`)
@Check(
  'reputations_sums',
  `as_provider_score_sum BETWEEN as_provider_count AND 5 * as_provider_count AND as_client_score_sum BETWEEN as_client_count AND 5 * as_client_count`,
)
export class Reputation {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'integer', default: 0 })
  asProviderCount!: number;

  @Column({ type: 'bigint', default: 0, transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  asProviderScoreSum!: number;

  @Column({ type: 'integer', default: 0 })
  asClientCount!: number;

  @Column({ type: 'bigint', default: 0, transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  asClientScoreSum!: number;
}
