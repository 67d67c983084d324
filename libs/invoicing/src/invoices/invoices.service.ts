import { Connection, groupBy, Viewer } from '@marketplace/common';
import { pageByTime } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Invoice } from './invoice.entity';
import { INVOICE_VISIBLE_TO_VIEWER } from './invoice-visibility';
import { MissingInvoice, MissingInvoiceReason } from './missing-invoice.entity';

/** Reading invoices: each is visible to the provider and the client of its mission (the fee invoice to the provider only). */
@Injectable()
export class InvoicesService {
  constructor(
    @InjectRepository(Invoice) private readonly invoices: Repository<Invoice>,
    @InjectRepository(MissingInvoice) private readonly missing: Repository<MissingInvoice>,
  ) {}

  listOf(viewer: Viewer, first: number, after?: string | null): Promise<Connection<Invoice>> {
    const query = this.invoices.createQueryBuilder('i').where(INVOICE_VISIBLE_TO_VIEWER, { viewerId: viewer.id });
    return pageByTime(query, { column: 'issued_at', direction: 'DESC', timeOf: (row) => row.issuedAt }, first, after);
  }

  /** Each mission's invoices, oldest first, in the order asked (callers check who may see them). */
  async ofMissions(missionIds: readonly string[]): Promise<Invoice[][]> {
    const invoices = await this.invoices.find({ where: { missionId: In([...missionIds]) }, order: { issuedAt: 'ASC', id: 'ASC' } });
    const byMission = groupBy(invoices, (invoice) => invoice.missionId);
    return missionIds.map((missionId) => byMission.get(missionId) ?? []);
  }

  async missingReasonsOf(missionIds: readonly string[]): Promise<(MissingInvoiceReason | null)[]> {
    const rows = new Map((await this.missing.findBy({ missionId: In([...missionIds]) })).map((row) => [row.missionId, row.reason]));
    return missionIds.map((missionId) => rows.get(missionId) ?? null);
  }
}
