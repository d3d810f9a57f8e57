/**
 * Every comment and document cites files inside the repository (docs/architecture.md, "Tests"):
 * no reference to the design notes and research files the project was planned from, which do not
 * ship; every `docs/<file>.md` named anywhere exists; and every section quoted as
 * `(docs/<file>.md, "Section")` is a heading of that file. A failure names file and line.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const self = relative(root, fileURLToPath(import.meta.url));
const scanned = [
  'src',
  'tools',
  'eslint-rules',
  'test',
  'scripts',
  'bench',
  'docs',
  'assets',
  '.ci',
  'README.md',
  'eslint.config.js',
  'vite.config.ts',
  'package.json',
];
const textExtensions = /\.(?:[cm]?[jt]sx?|md|json|css|html|ya?ml)$|^run$/;

/** Documents outside the repository, by the names they were cited under. */
const outsideReferences: readonly RegExp[] = [
  /\b(?:DOMAIN|DESIGN|STYLE)\.md\b/,
  /\bprotocol-facts\b/,
  /\btoolchain-here\b/,
  /\belectron-codebases\b/,
  /\banchors(?:\.md\b|\s*§)/,
  /\/work\/shared\b/,
  /\bshared\/reference\//,
  /(?:\.\.\/)+shared\/(?:DOMAIN|DESIGN|STYLE|reference|seed|hooks)\b/,
  /\bseed post\b/i,
];

const docsFile = /(?<![\w/.-])docs\/([\w-]+\.md)\b/g;
const sectionCitation = /(?<![\w/.-])docs\/([\w-]+\.md)`?,\s*"([^"]+)"/g;

export type Finding = { readonly line: number; readonly problem: string };

/** A comment or text line without its leading `*`, `//` or `#`, for a citation that wraps. */
const continuation = (line: string | undefined) => (line ?? '').replace(/^\s*(?:\/\/+|\*(?!\/)|#+)?\s*/, '');

/** The headings of a Markdown text, outside code fences. */
export function headingsOf(markdown: string): Set<string> {
  const headings = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) headings.add(heading[1]!);
  }
  return headings;
}

/** What is wrong with the citations in one file's text; `docs` answers a docs file's headings, or undefined when it does not exist. */
export function citationProblems(text: string, docs: (file: string) => Set<string> | undefined): Finding[] {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const at = index + 1;
    for (const pattern of outsideReferences) {
      const hit = pattern.exec(line);
      if (hit) findings.push({ line: at, problem: `cites "${hit[0]}", a document outside the repository` });
    }
    for (const [, file] of line.matchAll(docsFile)) {
      if (!docs(file!)) findings.push({ line: at, problem: `cites docs/${file}, which does not exist` });
    }
    const joined = `${line} ${continuation(lines[index + 1])}`;
    for (const match of joined.matchAll(sectionCitation)) {
      if (match.index >= line.length) continue;
      const [, file, section] = match;
      const headings = docs(file!);
      if (headings && !headings.has(section!))
        findings.push({ line: at, problem: `cites section "${section}" of docs/${file}, which has no such heading` });
    }
  });
  return findings;
}

function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .filter((name) => name !== 'node_modules')
    .flatMap((name) => filesUnder(join(path, name)));
}

const docsHeadings = new Map<string, Set<string> | undefined>();
function docsIn(file: string): Set<string> | undefined {
  if (!docsHeadings.has(file)) {
    const path = join(root, 'docs', file);
    docsHeadings.set(file, existsSync(path) ? headingsOf(readFileSync(path, 'utf8')) : undefined);
  }
  return docsHeadings.get(file);
}

describe('citations', () => {
  test('the checker finds each kind of bad citation and accepts good ones', () => {
    const docs = (file: string) => (file === 'domain.md' ? new Set(['Rotation after use']) : undefined);
    const bad = [
      '// The steps (DOMAIN.md, "The incident runbook").',
      ' * issuer from Host (toolchain-here.md §2)',
      ' * JSON batching (protocol-facts §3)',
      ' * as Maester does (anchors §3.1)',
      ' * see ../../shared/reference/anchors.md',
      ' * (docs/nowhere.md)',
      ' * (docs/domain.md, "No such section")',
    ].join('\n');
    assert.deepEqual(
      citationProblems(bad, docs).map((f) => f.line),
      [1, 2, 3, 4, 5, 5, 5, 6, 7],
    );
    const good = [
      ' * (docs/domain.md, "Rotation after use"; https://learn.microsoft.com/azure/azure-monitor/reference/tables/signinlogs)',
      ' * a citation that wraps (`docs/domain.md`,',
      ' * "Rotation after use")',
      "import { toError } from '../shared/actionable-error.ts';",
      ' * MicrosoftDocs/entra-docs: docs/identity-platform/reference-error-codes.md',
    ].join('\n');
    assert.deepEqual(citationProblems(good, docs), []);
    assert.equal(citationProblems(' * wraps (docs/domain.md,\n * "Gone")', docs).length, 1);
  });

  test('every file cites only documents in the repository, by existing sections', () => {
    const files = scanned.flatMap(filesUnder).filter((file) => file !== self && textExtensions.test(file.split('/').pop()!));
    assert.ok(files.length > 200, `scanned ${files.length} files`);
    const problems = files.flatMap((file) =>
      citationProblems(readFileSync(join(root, file), 'utf8'), docsIn).map((f) => `${file}:${f.line}: ${f.problem}`),
    );
    assert.equal(problems.length, 0, `${problems.length} bad citations:\n${problems.join('\n')}`);
  });
});
