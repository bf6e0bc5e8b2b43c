// The code's shape, checked: no import circles, each folder entered only through its door, and the
// helpers shared by the portal, the mock IdPs, the suites and support written once, in lib/ (issue:
// structure). Each rule has a small case it must catch, so a broken scanner cannot pass everything.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredNames } from './structure/declarations.ts';
import { DOOR, FOLDERS, LEAVES, TESTING_ENTRY, doorProblem, folderOf, isTestPath } from './structure/folders.ts';
import { importCircles, importGraphs, projectTypeScript } from './structure/importGraph.ts';

const ROOT = join(import.meta.dirname, '..');
const everything = projectTypeScript(ROOT);
const production = everything.filter((file) => !isTestPath(file));
const graphs = importGraphs(ROOT, production);

/**
 * Circles of types only, there by design: a type read off data (the Vendor type is the persona
 * registry's keys; the portal's VendorPreset is its preset rows' keys) while the rows are typed
 * with the module that exports it. Nothing loads in a circle; a new circle is not allowed.
 */
const TYPE_ONLY_CIRCLES: readonly string[] = [
  'mock-idps/personas/auth0.ts ↔ mock-idps/personas/entra.ts ↔ mock-idps/personas/google.ts ↔ mock-idps/personas/index.ts ↔ mock-idps/personas/okta.ts ↔ mock-idps/types.ts',
  'portal/sso/contract.ts ↔ portal/sso/presets.ts',
];

/** Helpers every part of the project needs alike: their one home is lib/ (file named). */
const SHARED_HELPERS: Readonly<Record<string, string>> = {
  escapeHtml: 'lib/html.ts',
  parseCsv: 'lib/csv.ts',
  csvField: 'lib/csv.ts',
  csvCell: 'lib/csv.ts',
  toCsv: 'lib/csv.ts',
  CookieJar: 'lib/http/cookieJar.ts',
  parseForms: 'lib/http/htmlForms.ts',
  isLoopbackHost: 'lib/net.ts',
  isLoopbackAddress: 'lib/net.ts',
  isLoopbackHttpUrl: 'lib/net.ts',
  isLoopback: 'lib/net.ts',
  isEmailAddress: 'lib/emailAddress.ts',
  CodedError: 'lib/codedError.ts',
};

describe('import circles', () => {
  it('finds a circle, a self-import and nothing in a tree', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
    expect(
      importCircles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads imports, re-exports and dynamic imports as edges, and tells the type-only ones', () => {
    const sources: Record<string, string> = {
      'x/a.ts':
        "import type { B } from './b.ts';\nexport { c } from '../y/c.ts';\nconst d = await import('./d.ts');\nimport { type E } from './e.ts';\nexport type { F } from './f.ts';\nimport { g, type G } from './g.ts';",
      'x/b.ts': '',
      'y/c.ts': '',
      'x/d.ts': "import ts from 'typescript';",
      'x/e.ts': '',
      'x/f.ts': '',
      'x/g.ts': '',
    };
    const { all, runtime } = importGraphs('/root', Object.keys(sources), (path) => sources[path] ?? '');
    expect(all.get('x/a.ts')?.sort()).toEqual(['x/b.ts', 'x/d.ts', 'x/e.ts', 'x/f.ts', 'x/g.ts', 'y/c.ts']);
    expect(runtime.get('x/a.ts')?.sort()).toEqual(['x/d.ts', 'x/g.ts', 'y/c.ts']);
    expect(all.get('x/d.ts')).toEqual([]);
  });

  it('no module loads a module that loads it back', () => {
    expect(importCircles(graphs.runtime).map((circle) => circle.join(' ↔ '))).toEqual([]);
  });

  it('type-only circles are the two by design, no other (and the list is not stale)', () => {
    expect(
      importCircles(graphs.all)
        .map((circle) => circle.join(' ↔ '))
        .sort(),
    ).toEqual([...TYPE_ONLY_CIRCLES].sort());
  });
});

describe('the folder map', () => {
  it('every production import goes where the map allows', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graphs.all) {
      const from = FOLDERS.find((folder) => folder.name === folderOf(file));
      for (const target of targets) {
        const to = folderOf(target);
        if (from && to !== from.name && to !== '' && !from.mayImport.includes(to)) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('each folder may import only what it uses (the map is not looser than the code)', () => {
    const used = new Map<string, Set<string>>();
    for (const [file, targets] of graphs.all)
      for (const target of targets)
        if (folderOf(target) !== folderOf(file)) used.set(folderOf(file), (used.get(folderOf(file)) ?? new Set()).add(folderOf(target)));
    const unused = FOLDERS.flatMap((folder) =>
      folder.mayImport.filter((name) => !used.get(folder.name)?.has(name)).map((name) => `${folder.name} → ${name}`),
    );
    // bin/ is JavaScript (not in the graph); bench/ and scripts/ may reach anything they need next.
    expect(unused.filter((edge) => !/^(bin|bench|scripts) /.test(edge))).toEqual([]);
  });

  it("the README's Architecture table is the map", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Architecture'), readme.indexOf('\n## ', readme.indexOf('## Architecture') + 3));
    const rows = [...section.matchAll(/^\| `([\w-]+)\/` \| (.+?) \| (.+?) \|$/gm)].map(([, name, purpose, mayImport]) => ({
      name,
      purpose,
      mayImport: mayImport === '—' ? [] : [...(mayImport ?? '').matchAll(/`([\w-]+)\/`/g)].map((match) => match[1]),
    }));
    expect(rows).toEqual(FOLDERS.map((folder) => ({ name: folder.name, purpose: folder.purpose, mayImport: [...folder.mayImport] })));
  });
});

describe('doors: each folder is entered through its index.ts', () => {
  it('tells a door, a testing entry and an internal apart', () => {
    expect(doorProblem('portal/web/a.ts', 'lib/index.ts')).toBeUndefined();
    expect(doorProblem('portal/web/a.ts', 'lib/net.ts')).toMatch(/import its door lib\/index\.ts/);
    expect(doorProblem('portal/web/a.ts', 'lib/testing/index.ts')).toBeDefined();
    expect(doorProblem('portal/web/a.test.ts', 'lib/testing/index.ts')).toBeUndefined();
    expect(doorProblem('bench/a.ts', 'mock-idps/testing/index.ts')).toBeUndefined();
    expect(doorProblem('bench/a.ts', 'mock-idps/saml/mint.ts')).toBeDefined();
    expect(doorProblem('mock-idps/faults/a.ts', 'mock-idps/saml/mint.ts')).toBeUndefined();
    expect(doorProblem('mock-idps/faults/a.ts', 'mock-idps/index.ts')).toBeDefined();
    expect(doorProblem('eslint.config.ts', 'scripts/structure/folderRule.ts')).toBeUndefined();
  });

  it('every folder others import has a door (index.ts, its first line says what the folder offers); the leaves have none', () => {
    const doors = FOLDERS.map((folder) => folder.name).filter((name) => existsSync(join(ROOT, name, DOOR)));
    expect(doors).toEqual(FOLDERS.map((folder) => folder.name).filter((name) => !LEAVES.includes(name)));
    const headers = doors.map((name) => readFileSync(join(ROOT, name, DOOR), 'utf8').split('\n')[0] ?? '');
    expect(headers.filter((line, index) => !line.startsWith(`// ${doors[index]}/'s door: `))).toEqual([]);
    const testing = doors.filter((name) => existsSync(join(ROOT, name, TESTING_ENTRY)));
    const testingHeaders = testing.map((name) => readFileSync(join(ROOT, name, TESTING_ENTRY), 'utf8').split('\n')[0] ?? '');
    expect(testingHeaders.filter((line, index) => !line.startsWith(`// ${testing[index]}/'s testing entry: `))).toEqual([]);
  });

  it("no module imports another folder's internals (tests, bench and scripts: its door or its testing entry)", () => {
    const { all } = importGraphs(ROOT, everything);
    const inside = [...all].flatMap(([file, targets]) =>
      targets.filter((target) => doorProblem(file, target) !== undefined).map((target) => `${file} → ${target}`),
    );
    expect(inside).toEqual([]);
    // The scan sees the doors being used (a scanner that finds no cross-folder edge would pass too).
    expect(
      [...all.values()].flat().filter((target) => target.endsWith(`/${DOOR}`) && !target.includes('/', target.indexOf('/') + 1)).length,
    ).toBeGreaterThan(300);
  });
});

describe('shared helpers live once, in lib/', () => {
  it('finds a restated helper', () => {
    expect(
      declaredNames('export function escapeHtml(s: string) { return s; }\nconst isLoopback = () => true;\nclass CookieJar {}'),
    ).toEqual(['escapeHtml', 'isLoopback', 'CookieJar']);
  });

  it('each error class is declared once (two MintErrors with two code sets were)', () => {
    const declaredBy = new Map<string, string[]>();
    for (const file of production) {
      for (const name of declaredNames(readFileSync(join(ROOT, file), 'utf8'), file).filter((declared) => /Error$/.test(declared)))
        declaredBy.set(name, [...(declaredBy.get(name) ?? []), file]);
    }
    expect([...declaredBy].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`)).toEqual([]);
  });

  it('no module outside its home declares one of them', () => {
    const restated = production.flatMap((file) =>
      declaredNames(readFileSync(join(ROOT, file), 'utf8'), file)
        .filter((name) => Object.hasOwn(SHARED_HELPERS, name) && SHARED_HELPERS[name] !== file)
        .map((name) => `${file} declares ${name} (its home: ${SHARED_HELPERS[name]})`),
    );
    expect(restated).toEqual([]);
  });
});

describe('lines fit the formatter width', () => {
  const width = (JSON.parse(readFileSync(join(ROOT, '.prettierrc.json'), 'utf8')) as { printWidth: number }).printWidth;
  /** Comment lines over the width: Prettier (lint) wraps code, not comments, so this test does. */
  const longComments = (file: string, text: string): string[] =>
    text
      .split('\n')
      .flatMap((line, index) => (/^\s*(\/\/|\/\*|\*)/.test(line) && [...line].length > width ? [`${file}:${index + 1}`] : []));

  it('finds a long comment line and leaves long code to Prettier', () => {
    expect(longComments('a.ts', `// ${'x'.repeat(width)}\nconst s = '${'y'.repeat(width)}';\n  * short`)).toEqual(['a.ts:1']);
  });

  it(`no comment line is longer than ${width} characters`, () => {
    expect(everything.flatMap((file) => longComments(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });
});
