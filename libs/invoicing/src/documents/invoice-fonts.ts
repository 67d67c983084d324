/**
 * The invoice PDFs' fonts (DejaVu Sans, regular and bold), parsed once per process and registered on
 * each document by name. Given a file's path, pdfkit read and parsed the TTF again for every
 * document, and fontkit then decoded its layout tables (GSUB, GPOS) again on the first word: most of
 * a render's time. A parsed font is safe to share between documents: each document makes its own
 * subset of it, and pdfkit lays text out and embeds the subset synchronously, one document at a time.
 * Its word layouts are remembered across documents too (the mentions repeat on every invoice).
 */
import { create, Font, GlyphPosition, GlyphRun } from 'fontkit';
import { readFileSync } from 'node:fs';

export const FONT = 'DejaVuSans';
export const BOLD_FONT = 'DejaVuSans-Bold';

const FILES: Record<typeof FONT | typeof BOLD_FONT, string> = {
  [FONT]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  [BOLD_FONT]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

let parsed: Record<keyof typeof FILES, Font> | undefined;

function fonts(): Record<keyof typeof FILES, Font> {
  parsed ??= { [FONT]: parse(FILES[FONT]), [BOLD_FONT]: parse(FILES[BOLD_FONT]) };
  return parsed;
}

/** Enough for the words of many invoices: the names and addresses differ, the mentions do not. */
const LAYOUTS_KEPT = 5000;

function parse(file: string): Font {
  const font = create(readFileSync(file));
  if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
  rememberLayouts(font);
  return font;
}

/**
 * Shaping a word (GSUB, GPOS) gives the same glyphs and positions every time. pdfkit scales the
 * positions of the run it gets in place and reads only `glyphs`, `positions` and `advanceWidth`:
 * each call gets positions of its own.
 */
function rememberLayouts(font: Font): void {
  const shape = font.layout.bind(font);
  const known = new Map<string, { glyphs: GlyphRun['glyphs']; positions: GlyphPosition[] }>();
  const copyOf = (positions: GlyphPosition[]) => positions.map((position) => ({ ...position }));
  font.layout = (text, ...options) => {
    if (options.some((option) => option !== undefined)) return shape(text, ...options);
    const layout = known.get(text);
    if (!layout) {
      const run = shape(text);
      if (known.size >= LAYOUTS_KEPT) known.clear();
      known.set(text, { glyphs: run.glyphs, positions: copyOf(run.positions) });
      return run;
    }
    const positions = copyOf(layout.positions);
    return {
      glyphs: layout.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((width, position) => width + position.xAdvance, 0);
      },
    } as GlyphRun;
  };
}

/**
 * A font as pdfkit's `font` option and `font()` take it: pdfkit accepts a parsed fontkit font
 * wherever it takes a font file's path (PDFFontFactory.open), which its type definitions do not list.
 */
export function invoiceFont(name: keyof typeof FILES): string {
  return fonts()[name] as unknown as string;
}

/** Both fonts on a new document under their names, so that `pdf.font(FONT)` reuses the document's embedded font. */
export function registerInvoiceFonts(pdf: PDFKit.PDFDocument): void {
  for (const name of [FONT, BOLD_FONT] as const) pdf.registerFont(name, invoiceFont(name));
}
