// Finds the places in source that restate vendor facts instead of reading them from their one
// home (the persona files, mock-idps/personas/, and the portal's preset rows, portal/sso/presets.ts):
// a list naming two or more vendor or persona ids (array literal or type union), a branch on one
// (`switch` case, `===` / `!==`), or a table keyed by one (object literal key). Each is a place a
// new vendor would have to be added by hand, or would silently miss. Parse only (no type check),
// so the whole repository is scanned in well under a second. Used by vendorTouchPoints.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { isTestPath } from './structure/folders.ts';

export type TouchKind = 'list' | 'union' | 'case' | 'comparison' | 'key';

export interface TouchPoint {
  readonly file: string;
  readonly line: number;
  readonly kind: TouchKind;
  /** The vendor or persona ids named there. */
  readonly ids: readonly string[];
  /** The source text, shortened, to recognise it by. */
  readonly text: string;
}

const MAX_TEXT = 100;

/** String literal value of a node, or undefined. */
function literal(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return node.literal.text;
  return undefined;
}

/** The name of a property (identifier, string or shorthand), or undefined for computed ones. */
function propertyName(node: ts.ObjectLiteralElementLike): string | undefined {
  if (ts.isShorthandPropertyAssignment(node)) return node.name.text;
  if (ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) {
    const name = node.name;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  }
  return undefined;
}

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** Every touch point in one source file. `ids`: the vendor and persona ids to look for. */
export function scanSource(file: string, text: string, ids: ReadonlySet<string>): TouchPoint[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: TouchPoint[] = [];
  const add = (node: ts.Node, kind: TouchKind, named: readonly string[]): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const snippet = node.getText(source).replace(/\s+/g, ' ');
    found.push({ file, line, kind, ids: named, text: snippet.length > MAX_TEXT ? `${snippet.slice(0, MAX_TEXT)}…` : snippet });
  };
  const idsIn = (nodes: readonly ts.Node[], value: (node: ts.Node) => string | undefined): string[] =>
    nodes.map(value).filter((v): v is string => v !== undefined && ids.has(v));
  const visit = (node: ts.Node): void => {
    if (ts.isArrayLiteralExpression(node)) {
      const named = idsIn(node.elements, literal);
      if (named.length >= 2) add(node, 'list', named);
    } else if (ts.isUnionTypeNode(node)) {
      const named = idsIn(node.types, literal);
      if (named.length >= 2) add(node, 'union', named);
    } else if (ts.isCaseClause(node)) {
      const named = idsIn([node.expression], literal);
      if (named.length > 0) add(node.expression, 'case', named);
    } else if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) {
      const named = idsIn([node.left, node.right], literal);
      if (named.length > 0) add(node, 'comparison', named);
    } else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        const name = propertyName(property);
        if (name !== undefined && ids.has(name)) add(property, 'key', [name]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Tests and test fixtures may name vendors (a test names the persona it exercises); declaration files hold no code. */
export function isTestCode(path: string): boolean {
  return isTestPath(path) || path.endsWith('.d.ts');
}

export function scanFiles(root: string, files: readonly string[], ids: ReadonlySet<string>): TouchPoint[] {
  return files.flatMap((file) => scanSource(file, readFileSync(join(root, file), 'utf8'), ids));
}
