/**
 * Writes schemas/<command>.schema.json, the JSON Schema (draft-07) of each command's `--json`
 * output, generated from the TypeScript types in src/cli/json-outputs.ts with ts-json-schema-generator,
 * so the schema cannot drift from the code: test/cli/json-schemas.test.ts regenerates them and fails
 * on any difference. Run after changing a result type: `npx tsx scripts/json-schemas.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = join(__dirname, '..');

/** Each command with `--json`, and the type of its output. */
export const JSON_OUTPUTS: Readonly<Record<string, string>> = {
  audit: 'AuditJson',
  backtest: 'BacktestJson',
  hunt: 'HuntJson',
  investigate: 'InvestigateJson',
  preflight: 'PreflightJson',
  publish: 'PublishJson',
  resolve: 'ResolveJson',
  'root-credentials': 'RootCredentialsJson',
  'test-alert': 'TestAlertJson',
};

/** The schema file of `command`, relative to the repository root. */
export const schemaPath = (command: string): string => join('schemas', `${command}.schema.json`);

/** Every schema, as the text written to its file. */
export function generateJsonSchemas(): Map<string, string> {
  const generator = createGenerator({
    path: join(ROOT, 'src', 'cli', 'json-outputs.ts'),
    // No tsconfig: only the files json-outputs.ts reaches are read.
    skipTypeCheck: true, // `npm run typecheck` checks the types; this reads them
    expose: 'export',
    jsDoc: 'extended',
    additionalProperties: true, // a contract that adds fields: a reader must accept new ones
    sortProps: true,
  });
  const out = new Map<string, string>();
  for (const [command, type] of Object.entries(JSON_OUTPUTS)) {
    const schema = generator.createSchema(type);
    const document = {
      $schema: schema.$schema,
      $id: `urn:root-guard:json-output:${command}`,
      title: `root-guard ${command} --json`,
      description: `The envelope every --json output has (meta, result, exitCode, error), with the result of \`root-guard ${command}\`. Generated from src/cli/json-outputs.ts by scripts/json-schemas.ts: do not edit.`,
      $ref: schema.$ref,
      definitions: schema.definitions,
    };
    out.set(schemaPath(command), `${JSON.stringify(document, null, 2)}\n`);
  }
  return out;
}

if (require.main === module) {
  for (const [path, text] of generateJsonSchemas()) {
    writeFileSync(join(ROOT, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
