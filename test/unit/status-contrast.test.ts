/**
 * The screens' colours, read from the style sheets themselves: every status label and every text
 * colour reaches WCAG's 4.5:1 on the backgrounds it is shown on, in the light and the dark scheme;
 * the focus ring reaches 3:1 (WCAG 1.4.11, non-text contrast); and warning, error and focus are
 * three different colours (issue 16). A later change to a colour cannot lower one silently.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const rendererDir = join(process.cwd(), 'src', 'renderer');
const base = readFileSync(join(rendererDir, 'base.css'), 'utf8');
const sheets = [
  base,
  ...readdirSync(rendererDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(rendererDir, dir.name))
        .filter((file) => file.endsWith('.css'))
        .map((file) => readFileSync(join(rendererDir, dir.name, file), 'utf8')),
    ),
];

type Palette = Record<string, string>;

function properties(block: string): Palette {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const light = properties(/:root\s*\{([^}]*)\}/.exec(base)![1]!);
const darkBlock = /@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(base);
assert.ok(darkBlock, 'base.css has a dark scheme');
const dark: Palette = { ...light, ...properties(darkBlock[1]!) };
const schemes = { light, dark } as const;

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function hue(hex: string): number {
  const [r, g, b] = [0, 1, 2].map((i) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

/** Every rule of every sheet that sets both a text colour and a background from the palette. */
const pairs = sheets.flatMap((sheet) =>
  [...sheet.matchAll(/([^{}]+)\{([^{}]*)\}/g)].flatMap((rule) => {
    const color = /(?:^|;|\s)color:\s*var\(--([\w-]+)\)/.exec(rule[2]!)?.[1];
    const background = /background:\s*var\(--([\w-]+)\)/.exec(rule[2]!)?.[1];
    return color && background ? [{ selector: rule[1]!.trim(), color, background }] : [];
  }),
);

describe('colour contrast, from the style sheets', () => {
  test('the status labels are styled with their own text and background colours', () => {
    const selectors = pairs.map((p) => p.selector);
    for (const status of ['pass', 'warn', 'fail', 'indeterminate']) assert.ok(selectors.includes(`.status-${status}`), `.status-${status}`);
  });

  for (const [name, palette] of Object.entries(schemes)) {
    test(`${name}: every text colour on its own background reaches 4.5:1`, () => {
      for (const { selector, color, background } of pairs) {
        assert.ok(palette[color] && palette[background], `${selector}: --${color} and --${background} are defined`);
        const ratio = contrast(palette[color], palette[background]);
        assert.ok(ratio >= 4.5, `${selector}: --${color} on --${background} is ${ratio.toFixed(2)}:1`);
      }
    });

    test(`${name}: text and status colours reach 4.5:1 on the page and on a panel`, () => {
      for (const color of ['text', 'muted', 'accent', 'incident', 'ok', 'warning', 'error', 'unknown'])
        for (const background of ['bg', 'surface']) {
          const ratio = contrast(palette[color]!, palette[background]!);
          assert.ok(ratio >= 4.5, `--${color} on --${background} is ${ratio.toFixed(2)}:1`);
        }
      assert.ok(contrast(palette['accent-text']!, palette['accent']!) >= 4.5, 'a primary button’s label');
      assert.ok(contrast(palette['warning-text']!, palette['warning-bg']!) >= 4.5, 'a warning line');
    });

    test(`${name}: the focus ring stands out (3:1), and warning, error and focus are three colours`, () => {
      for (const background of ['bg', 'surface'])
        assert.ok(contrast(palette['focus']!, palette[background]!) >= 3, `focus on ${background}`);
      const named = ['warning', 'error', 'focus'] as const;
      for (const [i, a] of named.entries())
        for (const b of named.slice(i + 1)) {
          const distance = hueDistance(hue(palette[a]!), hue(palette[b]!));
          assert.ok(distance >= 30, `--${a} and --${b} are ${distance.toFixed(0)}° apart in hue`);
        }
    });
  }
});
