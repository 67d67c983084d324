import { Role } from '@marketplace/common';
import { Locale } from './locale';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
@Index('users_email_key', ['email'], { unique: true })
@Check('users_email_lowercase', `email = lower(email)`)
@Check('users_display_name_length', `char_length(display_name) BETWEEN 2 AND 60`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored trimmed and lower-cased: emails are unique case-insensitively. */
  @Column({ type: 'text' })
  email!: string;

  /** Left out of every query but the one that checks a password (AccountsService.findWithPasswordHash). */
  @Column({ type: 'text', select: false })
  passwordHash?: string;

  @Column({ type: 'text' })
  displayName!: string;

  /** E.164, e.g. +33612345678. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', array: true, default: [Role.CLIENT] })
  roles!: Role[];

  /** When the user followed a verification (or password reset) link sent to `email`; null until then. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  emailVerifiedAt!: Date | null;

  /**
   * Created by signUp: no sign-in until the address is verified, so that signing in cannot tell
   * whether signUp created this account or found the address taken. Accounts from register: false.
   */
  @Column({ type: 'boolean', default: false })
  signInAwaitsVerifiedEmail!: boolean;

  /** The language of the emails sent to the user. */
  @Column({ type: 'enum', enum: Locale, enumName: 'user_locale', default: Locale.FR })
  locale!: Locale;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  suspensionReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
