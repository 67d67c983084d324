import { AccountsModule } from '@marketplace/accounts';
import { InvoicingModule } from '@marketplace/invoicing';
import { StorageModule } from '@marketplace/storage';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EarningsResolver } from './earnings.resolver';
import { EarningsService } from './earnings.service';
import { IncomeStatement } from './statements/income-statement.entity';
import { IncomeStatementsController } from './statements/income-statements.controller';
import { IncomeStatementsService } from './statements/income-statements.service';

/** A provider's earnings, read from the payments ledger, and the signed income statements made of them. */
@Module({
  imports: [TypeOrmModule.forFeature([IncomeStatement]), AccountsModule, StorageModule, InvoicingModule],
  controllers: [IncomeStatementsController],
  providers: [EarningsService, IncomeStatementsService, EarningsResolver],
  exports: [EarningsService],
})
export class EarningsModule {}
