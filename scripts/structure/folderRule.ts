// An eslint rule: a module imports only the top-level folders its folder may import
// (scripts/structure/folders.ts), judged on the resolved path, so a subfolder that happens to share
// a top-level folder's name (portal/support/) is not mistaken for it. Test files are left to the
// wire rule (portal/ and mock-idps/ apart), as the folder map says.
import { dirname, relative, resolve } from 'node:path';
import type { Rule } from 'eslint';
import { FOLDERS, folderOf, isTestPath } from './folders.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

export const folderDirections: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'Imports follow the folder map (scripts/structure/folders.ts).' }, schema: [] },
  create(context) {
    const file = relative(ROOT, context.filename);
    const from = FOLDERS.find((folder) => folder.name === folderOf(file));
    if (!from || isTestPath(file)) return {};
    const check = (node: Rule.Node, specifier: unknown): void => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = folderOf(relative(ROOT, resolve(dirname(context.filename), specifier)));
      if (target === '' || target === from.name || from.mayImport.includes(target)) return;
      context.report({
        node,
        message: `${from.name}/ may not import ${target}/: it may import ${from.mayImport.map((name) => `${name}/`).join(', ') || 'only itself'} (scripts/structure/folders.ts, README "Architecture").`,
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
