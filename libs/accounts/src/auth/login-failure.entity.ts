import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A failed login, counted per email and per IP address to rate-limit guessing. */
@Entity('login_failures')
@Index('login_failures_email_idx', ['email', 'failedAt'])
@Index('login_failures_ip_idx', ['ip', 'failedAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  ip!: string;

  @Column({ type: 'timestamptz' })
  failedAt!: Date;
}
