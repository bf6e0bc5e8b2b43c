// Two eslint rules on imports between the top-level folders (scripts/structure/folders.ts), judged
// on the resolved path, so a subfolder that happens to share a top-level folder's name
// (portal/support/) is not mistaken for it:
// - folder-directions: a module imports only the top-level folders its folder may import. Test
//   files are left to the wire rule (portal/ and mock-idps/ apart), as the folder map says.
// - folder-doors: another folder is entered only through its door, its index.ts (tests, bench and
//   scripts may also use its testing entry, testing/index.ts); nothing imports its own folder's door.
import { dirname, relative, resolve } from 'node:path';
import type { Rule } from 'eslint';
import { FOLDERS, doorProblem, folderOf, isTestPath } from './folders.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Calls `check` with every relative specifier the module imports or re-exports, resolved to a path relative to the root. */
function onImports(context: Rule.RuleContext, check: (node: Rule.Node, target: string) => void): Rule.RuleListener {
  const at = (node: Rule.Node, specifier: unknown): void => {
    if (typeof specifier === 'string' && specifier.startsWith('.'))
      check(node, relative(ROOT, resolve(dirname(context.filename), specifier)));
  };
  return {
    ImportDeclaration: (node) => at(node, node.source.value),
    ExportNamedDeclaration: (node) => at(node, node.source?.value),
    ExportAllDeclaration: (node) => at(node, node.source.value),
    ImportExpression: (node) => at(node, node.source.type === 'Literal' ? node.source.value : undefined),
  };
}

export const folderDirections: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'Imports follow the folder map (scripts/structure/folders.ts).' }, schema: [] },
  create(context) {
    const file = relative(ROOT, context.filename);
    const from = FOLDERS.find((folder) => folder.name === folderOf(file));
    if (!from || isTestPath(file)) return {};
    return onImports(context, (node, target) => {
      const to = folderOf(target);
      if (to === '' || to === from.name || from.mayImport.includes(to)) return;
      context.report({
        node,
        message: `${from.name}/ may not import ${to}/: it may import ${from.mayImport.map((name) => `${name}/`).join(', ') || 'only itself'} (scripts/structure/folders.ts, README "Architecture").`,
      });
    });
  },
};

export const folderDoors: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Another top-level folder is imported only through its door, its index.ts (README "Architecture").' },
    schema: [],
  },
  create(context) {
    const file = relative(ROOT, context.filename);
    return onImports(context, (node, target) => {
      const problem = doorProblem(file, target);
      if (problem) context.report({ node, message: problem });
    });
  },
};
