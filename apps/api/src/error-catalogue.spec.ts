/**
 * docs/errors.md keeps up with the code: every code, `reason` and extension that the error
 * formatter can put in an answer is read from its source (types and literals, through the
 * TypeScript compiler), not from a second list kept by hand.
 */
import { STATUS_FOR_CODE } from '@marketplace/common';
import { REALTIME_CLOSE } from '@marketplace/realtime';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..', '..');
const ERRORS = join(ROOT, 'libs/common/src/errors');
const FORMATTER = join(ERRORS, 'graphql-errors.ts');
const catalogue = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');

const program = ts.createProgram([FORMATTER, join(ERRORS, 'domain-error.ts')], { strict: true, noEmit: true });
const checker = program.getTypeChecker();

function nodesOf(file: string): ts.Node[] {
  const nodes: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    nodes.push(node);
    ts.forEachChild(node, visit);
  };
  visit(program.getSourceFile(file)!);
  return nodes;
}

/** The string literals of the union type alias `name`. */
function literalsOfType(file: string, name: string): string[] {
  const alias = nodesOf(file).find((node): node is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(node) && node.name.text === name)!;
  const type = checker.getTypeAtLocation(alias.name);
  return (type.isUnion() ? type.types : [type])
    .filter((member) => member.isStringLiteral())
    .map((member) => (member as ts.StringLiteralType).value);
}

/** The strings of the array literal that initialises `name` (`new Set([…])`). */
function stringsOfConstant(file: string, name: string): string[] {
  const declaration = nodesOf(file).find(
    (node): node is ts.VariableDeclaration => ts.isVariableDeclaration(node) && node.name.getText() === name,
  )!;
  const strings: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) strings.push(node.text);
    else ts.forEachChild(node, visit);
  };
  visit(declaration.initializer!);
  return strings;
}

/** The keys the errors' code writes into `extensions`: object literals under `extensions:` and returned by `extensions()`. */
function extensionKeys(files: string[]): string[] {
  const keysOf = (node: ts.Node | undefined): string[] =>
    node && ts.isObjectLiteralExpression(node)
      ? node.properties.filter((property) => property.name).map((property) => property.name!.getText())
      : [];
  return files.flatMap((file) =>
    nodesOf(file).flatMap((node) => {
      if (ts.isPropertyAssignment(node) && node.name.getText() === 'extensions') return keysOf(node.initializer);
      if (ts.isMethodDeclaration(node) && node.name.getText() === 'extensions') {
        return nodesOf(file)
          .filter((inner): inner is ts.ReturnStatement => ts.isReturnStatement(inner) && inner.pos >= node.pos && inner.end <= node.end)
          .flatMap((returned) =>
            returned.expression && ts.isConditionalExpression(returned.expression) ? [returned.expression.whenTrue] : [returned.expression],
          )
          .flatMap(keysOf);
      }
      return [];
    }),
  );
}

/** A row of one of the page's tables whose cells start with `` `name` `` (then `next`, if given); Prettier pads the cells. */
const tableRow = (name: string, next = '') => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|\\s*${next}`, 'm');

describe('the error catalogue (docs/errors.md)', () => {
  const codes = literalsOfType(FORMATTER, 'ResponseErrorCode');

  it('has a section for every code the formatter answers', () => {
    expect(codes).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR']));
    expect(codes.filter((code) => !catalogue.includes(`### \`${code}\``))).toEqual([]);
  });

  it("describes every reason given for Apollo's refusals", () => {
    const reasons = stringsOfConstant(FORMATTER, 'MALFORMED_REQUEST_CODES');
    expect(reasons).toContain('GRAPHQL_PARSE_FAILED');
    expect(reasons.filter((reason) => !tableRow(reason).test(catalogue))).toEqual([]);
  });

  it('describes every extension an error can carry', () => {
    const keys = new Set(extensionKeys([FORMATTER, join(ERRORS, 'domain-error.ts')]));
    expect([...keys]).toEqual(expect.arrayContaining(['code', 'reason', 'requestId', 'fields', 'retryAfterSeconds']));
    expect([...keys].filter((key) => !tableRow(key).test(catalogue))).toEqual([]);
  });

  it('describes every close code of the subscription sockets', () => {
    expect(Object.values(REALTIME_CLOSE).filter((code) => !tableRow(String(code)).test(catalogue))).toEqual([]);
  });

  it("gives each code's REST status", () => {
    const statuses = { ...STATUS_FOR_CODE, INTERNAL_SERVER_ERROR: 500 };
    expect(Object.keys(statuses).sort()).toEqual([...codes].sort());
    const missing = Object.entries(statuses).filter(([code, status]) => !tableRow(code, String(status)).test(catalogue));
    expect(missing).toEqual([]);
  });
});
