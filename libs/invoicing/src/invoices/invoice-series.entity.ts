import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One numbering series and the last number it gave: a row per provider for the invoices issued in
 * their name (and later one for the platform's own). Taking a number locks the row until the
 * transaction ends, so numbers follow the order of issue without a gap; rows are never deleted.
 */
@Entity('invoice_series')
@Check('invoice_series_last_number', `last_number >= 1`)
export class InvoiceSeries {
  /** `provider:<uuid>`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  lastNumber!: number;
}
