import { User } from '@marketplace/accounts';
import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One trip to FranceConnect, from our redirect to its callback: what the callback must match
 * (`state`, `nonce`, the PKCE verifier), bound to the browser that started it by a cookie whose
 * SHA-256 is the key. Used once: the callback deletes it.
 */
@Entity('franceconnect_attempts')
@Index('franceconnect_attempts_expires_at_idx', ['expiresAt'])
export class FranceConnectAttempt {
  @PrimaryColumn('text')
  keyHash!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ type: 'text' })
  codeVerifier!: string;

  /** The signed-in user who asked to link FranceConnect; null for a sign-in. */
  @Column({ type: 'uuid', nullable: true })
  linkingUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  linkingUser?: User;

  /** A link attempt is created by a mutation and started by the browser it hands the address to, once. */
  @Column({ type: 'boolean' })
  started!: boolean;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
