import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePackage } from '../../src/package/generate';
import { GENERATED_FILES_RECORD } from '../../src/package/write';
import { cfctReferencedFiles, cfctSchemaCheck } from '../support/cfct';
import { fixtureConfig, REPO_ROOT } from '../support/config';
import { CFCT_MANIFEST_CHECK, judgeTest } from '../support/external-judges';

/**
 * The package at the repository root is what CfCT deploys; CfCT redeploys any stack set whose
 * template bytes change (docs/reference/cfct.md#r10-byte-stable-templates). So the committed bytes must be exactly what the source
 * generates from the committed config.
 */
describe('the committed package', () => {
  const generated = generatePackage(fixtureConfig());

  test.each([...generated.keys()])('%s is byte-identical to what `root-guard build` generates', (path) => {
    const committed = join(REPO_ROOT, path);
    expect(existsSync(committed)).toBe(true);
    expect(readFileSync(committed, 'utf8')).toBe(generated.get(path));
  });

  test('records exactly the generated files', () => {
    const record = JSON.parse(readFileSync(join(REPO_ROOT, GENERATED_FILES_RECORD), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(record.files).sort()).toEqual([...generated.keys()].sort());
  });

  judgeTest(CFCT_MANIFEST_CHECK)("passes CfCT's schema, its semantic rules and its referenced-file checks", () => {
    const result = cfctSchemaCheck(join(REPO_ROOT, 'manifest.yaml'));
    expect(result.output).toContain('manifest.yaml: OK');
    expect(result.status).toBe(0);
  });

  test("every file CfCT's build stage extracts from the manifest exists", () => {
    const referenced = cfctReferencedFiles(join(REPO_ROOT, 'manifest.yaml'));
    expect(referenced.length).toBeGreaterThan(0);
    for (const path of referenced) expect(existsSync(join(REPO_ROOT, path))).toBe(true);
  });
});
