import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { REPO_ROOT } from './config';

/**
 * Validates a command's `--json` output against its committed JSON Schema (schemas/<command>.schema.json)
 * with Ajv, the maintained JSON Schema validator (draft-07, the schemas' dialect). Strict mode is off
 * only for the generator's extra keywords (ts-json-schema-generator keeps `markdownDescription`-style
 * doc fields): every structural keyword is still checked.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

function validator(command: string): ValidateFunction {
  let validate = compiled.get(command);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${command}.schema.json`), 'utf8')) as object;
    validate = ajv.compile(schema);
    compiled.set(command, validate);
  }
  return validate;
}

/** A `--json` envelope as the tests read it (the schema has checked its shape; the result's fields are the test's to assert). */
export interface TestEnvelope {
  readonly meta: Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test asserts on its command's own fields
  readonly result: any;
  readonly exitCode: number;
  readonly error: { readonly kind: string; readonly message: string; readonly lines: readonly string[] } | null;
}

/** The envelope in `stdout`, after checking it is one JSON document valid against `command`'s schema. */
export function validJsonOutput(command: string, stdout: string): TestEnvelope {
  const value = JSON.parse(stdout) as unknown;
  const validate = validator(command);
  if (!validate(value)) {
    throw new Error(`${command} --json does not match schemas/${command}.schema.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  }
  return value as TestEnvelope;
}
