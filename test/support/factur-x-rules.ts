/**
 * The official French e-invoicing rule files (test/fixtures/factur-x-rules, see its README), run
 * with Saxon-JS: the Factur-X EN 16931 schematron and the FNFE-MPE BR-FR rules. Each XSLT is
 * compiled to SEF once by xslt3 (a development dependency, offline) and cached by its SHA-256
 * under node_modules/.cache, so a fresh clone compiles it on its first run (~30 s) and never again.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SaxonJS = require('saxon-js');

const RULES = join(__dirname, '..', 'fixtures', 'factur-x-rules');
const CACHE = join(__dirname, '..', '..', 'node_modules', '.cache', 'factur-x-rules');
export const RULE_FILES = ['FACTUR-X_EN16931.xslt', 'BR-FR-Flux2-Schematron-CII.xslt'];

export interface FailedAssert {
  rules: string;
  id: string;
  flag: string;
  text: string;
}

function compiled(xslt: string): string {
  const source = join(RULES, xslt);
  // The SEF keeps the XSLT's location as its base URI (document() finds the code lists beside it): the path is part of the key.
  const sha = createHash('sha256').update(source).update(readFileSync(source)).digest('hex').slice(0, 16);
  const sef = join(CACHE, `${xslt}.${sha}.sef.json`);
  if (!existsSync(sef)) {
    mkdirSync(CACHE, { recursive: true });
    const partial = `${sef}.${process.pid}.part`;
    execFileSync(process.execPath, [require.resolve('xslt3'), `-xsl:${source}`, `-export:${partial}`, '-nogo'], {
      stdio: 'pipe',
    });
    renameSync(partial, sef);
  }
  return sef;
}

/** Compiles what is not cached yet; call it in a beforeAll with a long timeout. */
export function compileRules(): void {
  for (const xslt of RULE_FILES) compiled(xslt);
}

/** Every failed assert of both rule sets on the XML (warnings included, with their flag). */
export async function failedAsserts(xml: string): Promise<FailedAssert[]> {
  const found: FailedAssert[] = [];
  for (const xslt of RULE_FILES) {
    const result = await SaxonJS.transform(
      {
        stylesheetFileName: compiled(xslt),
        sourceText: xml,
        destination: 'serialized',
      },
      'async',
    );
    const svrl: string = result.principalResult;
    for (const match of svrl.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
      const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(match[1])?.[1] ?? '';
      found.push({
        rules: xslt,
        id: attribute('id'),
        flag: attribute('flag'),
        text: match[2]
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      });
    }
  }
  return found;
}
