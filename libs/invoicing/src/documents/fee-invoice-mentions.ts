import { PlatformLegalConfig } from '@marketplace/config';

/**
 * What a company's own invoice says of it (Code de commerce R. 123-237 and CGI ann. II art. 242
 * nonies A): name, legal form and share capital, SIREN with its trade register, VAT number, seat.
 */
export function platformLegalMention(legal: PlatformLegalConfig): string {
  const capital = new Intl.NumberFormat('fr-FR').format(legal.shareCapitalEuros).replace(/\s/g, ' ');
  return (
    `${legal.name}, ${legal.legalForm} au capital de ${capital} €, SIREN ${legal.siren} RCS ${legal.rcsCity}, ` +
    `N° TVA intracommunautaire ${legal.vatNumber}, ${legal.addressLine}, ${legal.postcode} ${legal.city}.`
  );
}
