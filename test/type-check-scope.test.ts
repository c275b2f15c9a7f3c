import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './support/config';

/**
 * `tsc` reads every declaration file reachable from our imports. The root of aws-cdk-lib re-exports
 * all of its ~250 service modules, so one `from 'aws-cdk-lib'` (or an import of cdk-nag or the Guard
 * validator, whose declarations do the same) adds ~2,000 declaration files and a third to the type
 * check (docs/reference/toolchain.md#type-check-scope). Import `aws-cdk-lib/core` and the service
 * modules instead; the two plugins are loaded through test/support/judge-plugins.ts.
 */
const WHOLE_LIBRARY = /(?:^(?:import|export)\b[^;]*?\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)'(aws-cdk-lib|cdk-nag|@cdklabs\/cdk-validator-cfnguard)'/gm;
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'test/support/judge-plugins.ts': ['cdk-nag', '@cdklabs/cdk-validator-cfnguard'],
  // This file's own examples of the pattern.
  'test/type-check-scope.test.ts': ['aws-cdk-lib', 'cdk-nag', '@cdklabs/cdk-validator-cfnguard'],
};

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the type check stays narrow', () => {
  test('no file imports the whole of aws-cdk-lib, cdk-nag or the Guard validator', () => {
    const found = ['src', 'test', 'scripts'].flatMap((dir) => typeScriptFiles(join(REPO_ROOT, dir))).flatMap((path) => {
      const file = relative(REPO_ROOT, path).split('\\').join('/');
      const text = readFileSync(path, 'utf8');
      return [...text.matchAll(WHOLE_LIBRARY)]
        .filter((m) => !(ALLOWED[file] ?? []).includes(m[1]))
        .map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: '${m[1]}' (import 'aws-cdk-lib/core' or the service module instead)`);
    });
    expect(found).toEqual([]);
  });

  test('the pattern finds each import form, and not an import written inside a string', () => {
    const text = [
      "import { Stack } from 'aws-cdk-lib';",
      'import {\n  App,\n  Stack,\n} from \'aws-cdk-lib\';',
      "export { Stack } from 'aws-cdk-lib';",
      "const nag = require('cdk-nag');",
      "await import('@cdklabs/cdk-validator-cfnguard');",
      "import { Stack } from 'aws-cdk-lib/core';",
      "const fixture = \"import { Arn } from 'aws-cdk-lib';\";",
    ].join('\n');
    expect([...text.matchAll(WHOLE_LIBRARY)].map((m) => m[1])).toEqual(['aws-cdk-lib', 'aws-cdk-lib', 'aws-cdk-lib', 'cdk-nag', '@cdklabs/cdk-validator-cfnguard']);
  });
});
