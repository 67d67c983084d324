import { Viewer } from '@marketplace/common';
import { FileStorage } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { ciiInvoiceXml } from '../documents/cii-invoice';
import { facturXPdf } from '../documents/factur-x-pdf';
import { InvoiceNotFoundError, InvoiceNotRenderedError } from '../invoicing.errors';
import { Invoice } from './invoice.entity';
import { isInvoiceVisibleTo } from './invoice-visibility';

export type InvoiceFormat = 'pdf' | 'xml';

export const INVOICE_CONTENT_TYPES: Record<InvoiceFormat, string> = { pdf: 'application/pdf', xml: 'application/xml' };

/**
 * An invoice's documents, rendered once from its frozen facts and stored with their SHA-256: the
 * row records them only if no render did before, so a document is never replaced, and every
 * download is checked against the hash kept beside it.
 */
@Injectable()
export class InvoiceDocumentsService {
  constructor(
    @InjectRepository(Invoice) private readonly invoices: Repository<Invoice>,
    private readonly storage: FileStorage,
  ) {}

  /** The rendering job. Storage is written before the row, so a row never names a missing document. */
  async render(invoiceId: string): Promise<void> {
    const invoice = await this.invoices.findOneBy({ id: invoiceId });
    if (!invoice || invoice.renderedAt) return;
    const xml = Buffer.from(ciiInvoiceXml(invoice.facts), 'utf8');
    const pdf = await facturXPdf(invoice.facts, xml.toString('utf8'), invoice.issuedAt);
    const xmlKey = `invoices/${invoice.id}/factur-x.xml`;
    const pdfKey = `invoices/${invoice.id}/${invoice.number}.pdf`;
    await this.storage.put(xmlKey, Readable.from([xml]));
    await this.storage.put(pdfKey, Readable.from([pdf]));
    await this.invoices
      .createQueryBuilder()
      .update()
      .set({ xmlKey, xmlSha256: sha256(xml), pdfKey, pdfSha256: sha256(pdf), renderedAt: () => 'now()' })
      .where('id = :id AND rendered_at IS NULL', { id: invoice.id })
      .execute();
  }

  /** For the mission's provider and client; NOT_FOUND for anyone else, CONFLICT while it is being rendered. */
  async download(viewer: Viewer, invoiceId: string, format: InvoiceFormat): Promise<{ invoice: Invoice; content: Buffer }> {
    const invoice = await this.invoices.findOneBy({ id: invoiceId });
    if (!invoice || !isInvoiceVisibleTo(invoice, viewer.id)) throw new InvoiceNotFoundError();
    const [key, expectedSha256] = format === 'pdf' ? [invoice.pdfKey, invoice.pdfSha256] : [invoice.xmlKey, invoice.xmlSha256];
    if (!key || !expectedSha256) throw new InvoiceNotRenderedError();
    const content = await this.storage.get(key);
    if (!content || sha256(content) !== expectedSha256)
      throw new Error(`Invoice ${invoice.id}: its ${format} is missing or altered in storage`);
    return { invoice, content };
  }
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
