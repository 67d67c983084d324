import { User } from '@marketplace/accounts';
import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * What the callback hands the web app instead of tokens: a one-time code (stored as SHA-256) that
 * exchangeSignInCode turns into a sign-in, within a minute. The id_token waits here for that sign-in.
 */
@Entity('franceconnect_sign_in_codes')
export class FranceConnectSignInCode {
  @PrimaryColumn('text')
  codeHash!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'text' })
  idToken!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
