import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const MAIN = 'DPIXML_v1.1-fr1.xsd';
const IMPORTED = ['oecddpitypes_v1.0-fr1.xsd', 'isodpitypes_v1.0-fr1.xsd'];

/** schemas/dac7 at the repository's root, found from here whether this runs from the sources or from dist/. */
function schemasFolder(): string {
  for (let folder = __dirname; folder !== dirname(folder); folder = dirname(folder)) {
    const candidate = join(folder, 'schemas', 'dac7');
    if (existsSync(join(candidate, MAIN))) return candidate;
  }
  throw new Error(`schemas/dac7/${MAIN} not found above ${__dirname}`);
}

/** The problems xmllint finds validating the file against the DGFiP DPI schema kept in schemas/dac7 (none: valid). */
export async function dac7SchemaProblems(xml: string): Promise<string[]> {
  const folder = schemasFolder();
  const file = (fileName: string) => ({ fileName, contents: readFileSync(join(folder, fileName), 'utf8') });
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [file(MAIN)],
    preload: IMPORTED.map(file),
  });
  return result.errors.map((error) => error.message);
}
