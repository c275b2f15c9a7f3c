import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/config';

/** What an open-source security tool ships beside its code (issue 27 §8). */
describe('repository files', () => {
  test('LICENSE is the full text of the licence package.json names', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^\s*Apache License\n\s*Version 2\.0, January 2004\n\s*http:\/\/www\.apache\.org\/licenses\/\n/);
    // The whole licence: its nine sections and the end of its terms, not a summary.
    for (let section = 1; section <= 9; section++) expect(text).toMatch(new RegExp(`\\n\\s*${section}\\. [A-Z]`));
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  test('CHANGELOG.md lists the unreleased changes, newest first', () => {
    const text = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    const dates = [...text.matchAll(/^### (\d{4}-\d{2}-\d{2})/gm)].map((m) => m[1]);
    expect(text).toMatch(/^## Unreleased$/m);
    expect(dates.length).toBeGreaterThan(1);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});
