/**
 * The income statement as a PDF/A-2b, in French (the landlords and banks who ask for one read it),
 * from its frozen facts alone: the same statement gives the same document.
 */
import { buffer } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';
import { parisDateOf } from '../calendar-period';
import { IncomeStatementFacts } from './income-statement-facts';

const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface StatementIssuer {
  name: string;
  siren: string;
}

/** What is printed beside the facts: who signs, where to verify, and the signature itself. */
export interface StatementSeal {
  issuer: StatementIssuer;
  verificationUrl: string;
  signature: string;
  signingKeyId: string;
}

/** 12345 → "123,45 €", in integer arithmetic. */
export function frenchEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')} €`;
}

/** "2026-03-31" → "31/03/2026". */
export function frenchDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** "2026-03" → "mars 2026". */
function frenchMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, number - 1, 1));
}

export function incomeStatementPdf(facts: IncomeStatementFacts, seal: StatementSeal): Promise<Buffer> {
  const issuedAt = new Date(facts.issuedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    font: FONT,
    lang: 'fr-FR',
    info: {
      Title: `Attestation de revenus ${facts.verificationCode}`,
      Author: seal.issuer.name,
      Creator: seal.issuer.name,
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const bytes = buffer(pdf);
  write(pdf, facts, seal);
  pdf.end();
  return bytes;
}

function write(pdf: PDFKit.PDFDocument, facts: IncomeStatementFacts, seal: StatementSeal): void {
  const { issuer } = seal;
  pdf.font(BOLD_FONT).fontSize(18).text('Attestation de revenus perçus via la plateforme');
  pdf.font(FONT).fontSize(10).moveDown();
  pdf.text(
    `${issuer.name} (SIREN ${issuer.siren}) atteste que ${facts.provider.name} a reçu, par l'intermédiaire de la plateforme, ` +
      `du ${frenchDate(facts.period.from)} au ${frenchDate(facts.period.to)}, les montants suivants pour les missions réalisées ` +
      `(montants des paiements des clients, frais de service de la plateforme déduits, virés au prestataire).`,
  );
  pdf.moveDown();
  pdf.font(BOLD_FONT).text('Mois — missions — montant brut — frais de service — montant net reçu');
  pdf.font(FONT);
  for (const month of facts.months) {
    pdf.text(
      `${frenchMonth(month.month)} — ${month.missionsCompleted} mission(s) — ${frenchEuros(month.grossCents)} — ` +
        `${frenchEuros(month.feesCents)} — ${frenchEuros(month.netCents)}`,
    );
  }
  pdf.moveDown();
  const { totals } = facts;
  pdf.font(BOLD_FONT).text(`Total : ${totals.missionsCompleted} mission(s)`);
  pdf.text(`Montant brut : ${frenchEuros(totals.grossCents)}`);
  pdf.text(`Frais de service : ${frenchEuros(totals.feesCents)}`);
  pdf.text(`Montant net reçu : ${frenchEuros(totals.netCents)}`);
  pdf.font(FONT).moveDown();
  pdf.text(`Fait le ${frenchDate(parisDateOf(new Date(facts.issuedAt)))}, pour servir et valoir ce que de droit.`);
  pdf.moveDown();
  pdf.font(BOLD_FONT).text(`Code de vérification : ${facts.verificationCode}`);
  pdf.font(FONT).text(`Vérifiez cette attestation sur ${seal.verificationUrl}`);
  pdf.moveDown();
  pdf.fontSize(8).text(`Signature Ed25519 de ${issuer.name} (clé ${seal.signingKeyId}) : ${seal.signature}`);
}
