/**
 * The layout the repository keeps: each app stands on the libraries alone (what apps share lives
 * in this library), product code never reaches into the bench or the test support, and the
 * production build compiles product code only. The Stripe emulator (tools/stripe-emulator) is a
 * development and test double: product code finds it at run time, never by an import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..', '..');
const EMULATOR = 'tools/stripe-emulator';
const EMULATOR_PACKAGE = '@marketplace/stripe-emulator';

function sourceFilesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** Where each import of `file` lands, relative to the root (packages other than ours are left out). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (fileName.startsWith('.')) return [relative(ROOT, resolve(ROOT, dirname(file), fileName))];
    if (fileName === EMULATOR_PACKAGE) return [join(EMULATOR, 'src')];
    const library = /^@marketplace\/([a-z-]+)$/.exec(fileName)?.[1];
    return library ? [join('libs', library, 'src')] : [];
  });
}

/** `apps/api`, `libs/payments`, `tools/stripe-emulator`, `bench`, `test`, `migrations`… */
function areaOf(path: string): string {
  const [top, name] = path.split('/');
  return top === 'apps' || top === 'libs' || top === 'tools' ? `${top}/${name}` : top;
}

/** Each `from → to` import for which `forbidden(from area, to area)` holds. */
function importsWhere(files: string[], forbidden: (from: string, to: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden(areaOf(file), areaOf(target)))
      .map((target) => `${file} → ${target}`),
  );
}

const isSpec = (file: string) => file.endsWith('.spec.ts');
const productCode = () =>
  [...sourceFilesUnder('apps'), ...sourceFilesUnder('libs'), ...sourceFilesUnder('migrations')].filter((file) => !isSpec(file));

describe('the repository layout', () => {
  it('has no app import another app: what they share lives in libs/platform', () => {
    const crossing = importsWhere(sourceFilesUnder('apps'), (from, to) => to.startsWith('apps/') && to !== from);
    expect(crossing).toEqual([]);
  });

  it('has no library import an app or libs/platform (which stands on them all), and no product code import the bench or the test support', () => {
    const outward = importsWhere(
      productCode(),
      (from, to) =>
        (from.startsWith('libs/') && (to.startsWith('apps/') || (to === 'libs/platform' && from !== to))) ||
        to === 'bench' ||
        to === 'test',
    );
    expect(outward).toEqual([]);
  });

  it('has no product code import the Stripe emulator, not even its types: it is loaded by name when no STRIPE_SECRET_KEY is set', () => {
    expect(importsWhere(productCode(), (_from, to) => to === EMULATOR)).toEqual([]);
  });

  it('keeps the emulator a tool: it imports no product code', () => {
    const inward = importsWhere(sourceFilesUnder(EMULATOR), (from, to) => to !== from && /^(apps|libs)\//.test(to));
    expect(inward).toEqual([]);
  });

  it('builds product code only: no bench, no test support (the statement counter), no tests, no Stripe emulator', () => {
    const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.build.json'), ts.sys.readFile);
    const { fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    const built = fileNames.map((file) => relative(ROOT, file));
    expect(built.filter((file) => !['apps', 'libs', 'migrations'].includes(file.split('/')[0]))).toEqual([]);
    expect(built.filter((file) => isSpec(file) || file.includes('statement-counter'))).toEqual([]);
    // With the test above, this keeps the emulator out of dist/: nothing included or imported reaches it.
    expect(built.filter((file) => file.split('/').includes('stripe-emulator'))).toEqual([]);
  });
});
