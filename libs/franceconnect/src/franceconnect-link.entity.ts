import { User } from '@marketplace/accounts';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

/** An account's FranceConnect identity: one per account, and each identity (its `sub`) on one account only. */
@Entity('franceconnect_links')
@Index('franceconnect_links_sub_key', ['sub'], { unique: true })
export class FranceConnectLink {
  @PrimaryColumn('uuid')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  /** FranceConnect's subject identifier for this person, as our client sees it. */
  @Column({ type: 'text' })
  sub!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  linkedAt!: Date;
}
