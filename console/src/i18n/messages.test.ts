import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from './dictionary';
import { MESSAGES, PARTS } from './messages';

/** Every source file of the console but tests. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('console texts', () => {
  it('has every key in both languages, in each part', () => {
    for (const part of PARTS) {
      const zh = Object.keys(part['zh-CN']).sort();
      const en = Object.keys(part.en).sort();
      expect(en).toEqual(zh);
    }
  });

  it('defines each key in one part only', () => {
    const seen = new Map<string, number>();
    PARTS.forEach((part) => Object.keys(part.en).forEach((k) => seen.set(k, (seen.get(k) ?? 0) + 1)));
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });

  it('defines every literal key the sources ask for', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^'$]+)'/g)) used.add(match[1]);
    }
    for (const language of LANGUAGES) {
      expect([...used].filter((key) => !(key in MESSAGES[language]))).toEqual([]);
    }
  });

  it('has no empty text', () => {
    for (const language of LANGUAGES) {
      expect(Object.entries(MESSAGES[language]).filter(([, text]) => !text.trim())).toEqual([]);
    }
  });
});
