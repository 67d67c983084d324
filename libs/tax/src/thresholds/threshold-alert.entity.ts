import { User } from '@marketplace/accounts';
import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ThresholdAlert } from './threshold-rules';

/** An alert a provider got, at most once a year each (the key): inserting it is what sends it. */
@Entity('tax_threshold_alerts')
export class ThresholdAlertSent {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'tax_threshold_alerts_user_fkey' })
  user?: User;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'enum', enum: ThresholdAlert, enumName: 'tax_threshold_alert' })
  alert!: ThresholdAlert;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt!: Date;
}
