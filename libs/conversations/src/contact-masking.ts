/**
 * Contact details in messages, masked for the other side until the mission is assigned to the
 * conversation's provider, so that the deal and its payment protection stay on the platform.
 * Phone numbers are found by libphonenumber (French national numbers and international ones,
 * with spaces, dots, dashes, +33 or 0033), so that prices, dates, postcodes, street numbers and
 * SIRET numbers, which are no valid phone numbers, are left alone. Email addresses are found as
 * written and in the usual disguises ("jean at gmail dot com", "jean [at] gmail [point] fr").
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max';

export const MASKED_CONTACT = '[coordonnées masquées]';

export interface MaskedText {
  text: string;
  /** Whether anything was masked. */
  masked: boolean;
}

const AT = String.raw`(?:\s*@\s*|\s*[([{]\s*(?:at|arobase|@)\s*[)\]}]\s*|\s+(?:at|arobase|chez)\s+)`;
const DOT = String.raw`(?:\s*\.\s*|\s*[([{]\s*(?:dot|point|\.)\s*[)\]}]\s*|\s+(?:dot|point)\s+)`;
const WORD = String.raw`[\p{L}\p{N}_+-]+`;
/** Top-level domains a disguised address may end with: "… dot com" without one is just words. */
const DISGUISED_TLD = String.raw`(?:com|fr|net|org|eu|io|be|ch|ca|de|es|it|uk|co|info|biz|me|pro)`;
const EMAIL = new RegExp(String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`, 'giu');
const DISGUISED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${WORD}(?:\.${WORD})*${AT}${WORD}(?:${DOT}${WORD})*?${DOT}${DISGUISED_TLD}(?![\p{L}\p{N}])`,
  'giu',
);

type Span = [start: number, end: number];

function emailSpans(text: string): Span[] {
  return [EMAIL, DISGUISED_EMAIL].flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match): Span => [match.index, match.index + match[0].length]),
  );
}

function phoneSpans(text: string): Span[] {
  return findPhoneNumbersInText(text, { defaultCountry: 'FR' }).map((found): Span => [found.startsAt, found.endsAt]);
}

/** Overlapping spans merged, in order. */
function merged(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const result: Span[] = [];
  for (const span of sorted) {
    const last = result.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else result.push([...span]);
  }
  return result;
}

/** The text with every phone number and email address replaced by MASKED_CONTACT. */
export function maskContactDetails(text: string): MaskedText {
  const spans = merged([...emailSpans(text), ...phoneSpans(text)]);
  if (spans.length === 0) return { text, masked: false };
  let result = '';
  let from = 0;
  for (const [start, end] of spans) {
    result += text.slice(from, start) + MASKED_CONTACT;
    from = end;
  }
  return { text: result + text.slice(from), masked: true };
}
