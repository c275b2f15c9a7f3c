import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, validateManifestFile } from '../../src/cfct-manifest';
import { loadBuildInputs } from '../../src/cli/build';
import { renderPackage } from '../../src/package/generate';
import { GENERATED_FILES_RECORD } from '../../src/package/write';
import { cfctReferencedFiles, cfctSchemaCheck } from '../support/cfct';
import { REPO_ROOT } from '../support/config';
import { CFCT_MANIFEST_CHECK, judgeTest } from '../support/external-judges';

/**
 * The package at the repository root is what CfCT deploys; CfCT redeploys any stack set whose
 * template bytes change (docs/reference/cfct.md#r10-byte-stable-templates). So the committed bytes must be exactly what the source
 * generates from the committed config, read as `build` reads it (with root-guard.ous.yaml when the
 * config uses it). These are the only tests that read the repository's root-guard.config.yaml: they
 * hold for whatever valid config a team commits (test/package/another-organization.test.ts proves it
 * with another organization's values); every other test reads test/fixtures/example-org.
 */
describe('the committed package', () => {
  const { config, plan } = loadBuildInputs(join(REPO_ROOT, 'root-guard.config.yaml'));
  const generated = renderPackage(plan).files;

  test.each([...generated.keys()])('%s is byte-identical to what `root-guard build` generates', (path) => {
    const committed = join(REPO_ROOT, path);
    expect(existsSync(committed)).toBe(true);
    expect(readFileSync(committed, 'utf8')).toBe(generated.get(path));
  });

  test("records exactly the generated files, for the committed config's organization", () => {
    const record = JSON.parse(readFileSync(join(REPO_ROOT, GENERATED_FILES_RECORD), 'utf8')) as { organization?: { managementAccountId?: string }; files: Record<string, string> };
    expect(Object.keys(record.files).sort()).toEqual([...generated.keys()].sort());
    expect(record.organization).toEqual({ managementAccountId: config.managementAccountId });
  });

  test("passes the project's own check of CfCT's schema, its rules and the files the manifest names", () => {
    const file = join(REPO_ROOT, 'manifest.yaml');
    expect(validateManifestFile(file, readFileSync(file, 'utf8')).map((p) => formatProblem(file, p))).toEqual([]);
  });

  judgeTest(CFCT_MANIFEST_CHECK)("passes CfCT's own pykwalify schema check, its semantic rules and its referenced-file checks", () => {
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
