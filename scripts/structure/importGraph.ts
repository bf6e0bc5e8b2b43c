// The project's import graph, read with TypeScript's parser (static imports, type-only imports,
// re-exports, `import('…')` calls and types): what the structure test checks for circles.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The top-level folders of production code (tests, bench and scripts are read separately). */
export const SOURCE_FOLDERS = ['bin', 'cli', 'lib', 'mock-idps', 'portal', 'reporting', 'support', 'suites'] as const;

/** Every .ts file of the project: under the top-level folders and beside package.json, relative to root. */
export function projectTypeScript(root: string): string[] {
  const atRoot = readdirSync(root).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && statSync(join(root, name)).isFile());
  return [...atRoot, ...sourceFiles(root, [...SOURCE_FOLDERS, 'bench', 'scripts'])].sort();
}

/** Every .ts file under `folders` of `root`, as paths relative to root. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(relative(root, path));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return files.sort();
}

export interface ImportGraphs {
  /** Every edge: static, type-only, re-export, dynamic. */
  readonly all: Map<string, string[]>;
  /** Only the edges that load a module when the program runs (type-only imports and exports left out). */
  readonly runtime: Map<string, string[]>;
}

/** A module's relative specifiers, each marked type-only when the compiler erases it. */
function specifiersOf(source: string, fileName: string): { readonly specifier: string; readonly typeOnly: boolean }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly)),
      });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.filter((entry) => entry.specifier.startsWith('.'));
}

/** file → the project files it imports (relative specifiers only; packages are not edges). */
export function importGraphs(
  root: string,
  files: readonly string[],
  read: (path: string) => string = (path) => readFileSync(join(root, path), 'utf8'),
): ImportGraphs {
  const known = new Set(files);
  const all = new Map<string, string[]>();
  const runtime = new Map<string, string[]>();
  for (const file of files) {
    const edges = specifiersOf(read(file), file)
      .map((entry) => ({ ...entry, target: relative(root, resolve(root, dirname(file), entry.specifier)) }))
      .filter((entry) => known.has(entry.target));
    all.set(file, [...new Set(edges.map((edge) => edge.target))]);
    runtime.set(file, [...new Set(edges.filter((edge) => !edge.typeOnly).map((edge) => edge.target))]);
  }
  return { all, runtime };
}

/** The import circles of a graph (strongly connected components of more than one file, or a file importing itself). */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) circles.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}
