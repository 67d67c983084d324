import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in made through FranceConnect, with the id_token its logout hands back (id_token_hint) to end FranceConnect's session too. */
@Entity('franceconnect_sessions')
export class FranceConnectSession {
  /** The sign-in (refresh token family). */
  @PrimaryColumn('uuid')
  sessionId!: string;

  @Column({ type: 'text' })
  idToken!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
