import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The money movements of a mission; each one is a set of entries that sums to zero. */
export enum LedgerMovement {
  /** The client paid: the platform holds the money. */
  CHARGE = 'CHARGE',
  /** The provider was paid: the held money leaves as a transfer, the fee stays as revenue. */
  PAYOUT = 'PAYOUT',
  /** The client got money back: all of it, or part (a split settlement, a refund made in Stripe's dashboard). */
  REFUND = 'REFUND',
  /** The client's bank took the money back (a card chargeback; reference: Stripe's dispute). */
  CHARGEBACK = 'CHARGEBACK',
  /** The chargeback was won: Stripe gave the money back, into the account it had been taken from. */
  CHARGEBACK_REVERSED = 'CHARGEBACK_REVERSED',
}

/** Accounts of the platform's books. Debits are positive, credits negative. */
export enum LedgerAccount {
  /** Money on the platform's Stripe balance. */
  STRIPE_BALANCE = 'STRIPE_BALANCE',
  /** What the platform holds for clients until their mission is settled. */
  CLIENT_FUNDS_HELD = 'CLIENT_FUNDS_HELD',
  /** Fees earned. */
  PLATFORM_FEES = 'PLATFORM_FEES',
  /** Money that left after the provider was paid from it (a refund made in Stripe's dashboard, a chargeback, after the transfer): the platform's loss. */
  PLATFORM_LOSSES = 'PLATFORM_LOSSES',
  /** Contributions withheld from providers' payouts, owed to the URSSAF (URSSAF_WITHHOLDING). */
  URSSAF_OWED = 'URSSAF_OWED',
}

/**
 * Double-entry ledger in integer cents. A movement is written once per payment and reference
 * (unique index), in the transaction of the state change it records, so the books can never count
 * one twice.
 */
@Entity('ledger_entries')
@Index('ledger_entries_once_per_movement', ['paymentId', 'movement', 'reference', 'account'], { unique: true })
@Index('ledger_entries_mission_idx', ['missionId'])
export class LedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  missionId!: string;

  @Column({ type: 'uuid' })
  paymentId!: string;

  @Column({ type: 'enum', enum: LedgerMovement, enumName: 'ledger_movement' })
  movement!: LedgerMovement;

  /** Tells apart movements of one kind for a payment: a refund's Stripe id; empty for the charge and the payout, one each. */
  @Column({ type: 'text', default: '' })
  reference!: string;

  @Column({ type: 'enum', enum: LedgerAccount, enumName: 'ledger_account' })
  account!: LedgerAccount;

  /** Positive: debit; negative: credit. */
  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
