import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Invoice numbers: one gap-free chronological series per provider, `JB-<provider ref>-<year>-<n>`,
 * n never reset (the year is the issue's, for the reader). A number is taken in the transaction
 * that freezes its invoice: the series row stays locked until that transaction ends, so concurrent
 * issues queue, and a rolled-back issue gives its number back with everything else. Credit notes
 * take theirs from the same series.
 */
@Injectable()
export class InvoiceNumbering {
  static providerSeries(providerId: string): string {
    return `provider:${providerId}`;
  }

  /** The next number of the series; the upsert locks its row (as FOR UPDATE would) until the caller commits. */
  async next(manager: EntityManager, seriesKey: string): Promise<number> {
    const [row]: { last_number: number }[] = await manager.query(
      `WITH taken AS (
         INSERT INTO invoice_series (key, last_number) VALUES ($1, 1)
         ON CONFLICT (key) DO UPDATE SET last_number = invoice_series.last_number + 1
         RETURNING last_number)
       SELECT last_number FROM taken`,
      [seriesKey],
    );
    return row.last_number;
  }
}

/** `JB-0A1B2C3D4E-2026-000042`: 25 characters, letters, digits and dashes (BR-FR-01/02 allow 35 of `A-Za-z0-9+-_/`). */
export function providerInvoiceNumber(providerId: string, year: number, sequence: number): string {
  const ref = providerId.replaceAll('-', '').slice(0, 10).toUpperCase();
  return `JB-${ref}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The calendar date in France (YYYY-MM-DD) of an instant: invoices are dated where they are issued. */
export function parisDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
