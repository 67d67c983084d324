import { User } from '@marketplace/accounts';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum MissionCategory {
  HANDYMAN = 'HANDYMAN',
  MOVING = 'MOVING',
  CLEANING = 'CLEANING',
  GARDENING = 'GARDENING',
  FURNITURE_ASSEMBLY = 'FURNITURE_ASSEMBLY',
  DELIVERY = 'DELIVERY',
  IT_SUPPORT = 'IT_SUPPORT',
  TUTORING = 'TUTORING',
  PET_CARE = 'PET_CARE',
  CHILDCARE = 'CHILDCARE',
  EVENTS = 'EVENTS',
  OTHER = 'OTHER',
}

/** A mission shows at most this many photos. */
export const MAX_MISSION_PHOTOS = 6;

export enum MissionStatus {
  OPEN = 'OPEN',
  ASSIGNED = 'ASSIGNED',
  DELIVERED = 'DELIVERED',
  COMPLETED = 'COMPLETED',
  DISPUTED = 'DISPUTED',
  CANCELLED = 'CANCELLED',
}

/**
 * An odd job posted by a client. The exact address and coordinates are private to the client and
 * the assigned provider; the public point (rounded to 2 decimals) is what search and everyone else
 * use. The geo (GiST over earthdistance) and full-text (GIN) indexes are expression indexes written
 * by hand in the migration, hence `synchronize: false` on them here.
 */
@Entity('missions')
@Index('missions_open_category_location_idx', { synchronize: false })
@Index('missions_open_location_idx', { synchronize: false })
@Index('missions_location_idx', { synchronize: false })
@Index('missions_search_vector_idx', { synchronize: false })
@Index('missions_newest_idx', ['status', 'createdAt', 'id'], { where: 'hidden_at IS NULL' })
@Index('missions_newest_in_category_idx', ['status', 'category', 'createdAt', 'id'], { where: 'hidden_at IS NULL' })
@Index('missions_client_idx', ['clientId', 'createdAt', 'id'])
@Index('missions_assigned_provider_idx', ['assignedProviderId'], { where: 'assigned_provider_id IS NOT NULL' })
@Check('missions_title_length', `char_length(title) BETWEEN 5 AND 120`)
@Check('missions_description_length', `char_length(description) BETWEEN 20 AND 5000`)
@Check('missions_coordinates', `latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180`)
@Check('missions_public_point', `public_latitude = round(latitude::numeric, 2) AND public_longitude = round(longitude::numeric, 2)`)
@Check('missions_budget', `budget_cents IS NULL OR budget_cents BETWEEN 500 AND 1000000`)
@Check('missions_preferred_window', `preferred_end IS NULL OR preferred_start IS NULL OR preferred_end > preferred_start`)
@Check('missions_bid_count', `bid_count >= 0`)
@Check('missions_photo_count', `cardinality(photo_ids) <= 6`)
@Check('missions_assignment', `status IN ('OPEN', 'CANCELLED') OR (assigned_provider_id IS NOT NULL AND accepted_bid_id IS NOT NULL)`)
export class Mission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  client?: User;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'enum', enum: MissionCategory, enumName: 'mission_category' })
  category!: MissionCategory;

  @Column({ type: 'enum', enum: MissionStatus, enumName: 'mission_status', default: MissionStatus.OPEN })
  status!: MissionStatus;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text' })
  city!: string;

  @Column({ type: 'text' })
  postcode!: string;

  @Column({ type: 'double precision' })
  latitude!: number;

  @Column({ type: 'double precision' })
  longitude!: number;

  @Column({ type: 'double precision' })
  publicLatitude!: number;

  @Column({ type: 'double precision' })
  publicLongitude!: number;

  @Column({ type: 'integer', nullable: true })
  budgetCents!: number | null;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'timestamptz', nullable: true })
  preferredStart!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  preferredEnd!: Date | null;

  /**
   * Live (pending or accepted) bids, kept by the bid transactions through MissionsService: the
   * mission row is the lock that orders bids against edits, acceptance and cancellation.
   */
  @Column({ type: 'integer', default: 0 })
  bidCount!: number;

  @Column({ type: 'uuid', nullable: true })
  assignedProviderId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  assignedProvider?: User;

  @Column({ type: 'uuid', nullable: true })
  acceptedBidId!: string | null;

  /** When the client's payment for the accepted bid came in (told by the payments domain): the provider may deliver. */
  @Column({ type: 'timestamptz', nullable: true })
  paymentReceivedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disputedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  disputeReason!: string | null;

  /** How a moderator settled the dispute: PAY_PROVIDER, REFUND_CLIENT or SPLIT, and why. */
  @Column({ type: 'text', nullable: true })
  disputeResolution!: string | null;

  @Column({ type: 'text', nullable: true })
  disputeResolutionNote!: string | null;

  /** A SPLIT's part given back to the client; the rest is the provider's. */
  @Column({ type: 'integer', nullable: true })
  disputeRefundCents!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason!: string | null;

  /** Set by a moderator: the mission leaves search and takes no more bids. */
  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;

  /** Its photos (the photos domain's), in the order shown; the first is the cover in search results. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  photoIds!: string[];

  /** Title and description, stemmed in French and in English (a generated column). */
  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: `to_tsvector('french', title || ' ' || description) || to_tsvector('english', title || ' ' || description)`,
  })
  searchVector?: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Set by a search near a point only: the distance to the point's public location. */
  distanceKm?: number;
}
