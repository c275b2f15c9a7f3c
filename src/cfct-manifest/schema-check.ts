import Ajv, { type AnySchemaObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import { showValue } from '../errors';
import { MANIFEST_V2_SCHEMA, type PykwalifyType, type SchemaNode } from './manifest-v2-schema';
import { keyPath, type ManifestProblem } from './problem';
import { type ReadManifest, YamlTimestamp } from './read-manifest';

/**
 * CfCT's schema check (`pykwalify -d manifest.yaml -s manifest-v2.schema.yaml`, code: `run-validation.sh`)
 * with ajv over the transcribed schema (manifest-v2-schema.ts). Messages say what pykwalify would
 * fail on, in our words, with the fix (docs/reference/cfct.md#the-manifest-schema).
 */

const RULE = 'the-manifest-schema';

/** What a value is, in pykwalify's terms, for messages. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (value instanceof YamlTimestamp) return value.dateOnly ? `the date ${value.text}` : `the timestamp ${value.text}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${showValue(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** pykwalify's type tests (`pykwalify/types.py`). */
const TYPE_TESTS: Readonly<Record<PykwalifyType, (value: unknown) => boolean>> = {
  map: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof YamlTimestamp),
  seq: (v) => Array.isArray(v),
  str: (v) => typeof v === 'string',
  bool: (v) => typeof v === 'boolean',
  // `is_date`: a string or a date; a string must then parse as a date (`_validate_scalar_date`), and the enum decides.
  date: (v) => typeof v === 'string' || v instanceof YamlTimestamp,
  any: () => true,
};

const TYPE_NAMES: Readonly<Record<PykwalifyType, string>> = {
  map: 'a mapping', seq: 'a list', str: 'a string', bool: 'true or false', date: 'a date', any: 'any value',
};

function fail(fn: SchemaValidateFunction, keyword: string, message: string, params: Record<string, unknown> = {}): false {
  fn.errors = [{ keyword, message, params }];
  return false;
}

/** pykwalify's type test and null rule (core.py `_validate`, `_validate_mapping`, `_validate_scalar`). */
const pykwalifyType: SchemaValidateFunction = (type: PykwalifyType, data: unknown, parent?: AnySchemaObject) => {
  if (data === null || data === undefined) {
    // Null fails a required rule; otherwise only a mapping rule rejects it ("is not a dict").
    if ((parent as SchemaNode | undefined)?.pykwalifyRequired) return fail(pykwalifyType, 'pykwalifyType', 'is empty (null), and CfCT\'s schema requires a value here');
    return type === 'map' ? fail(pykwalifyType, 'pykwalifyType', 'is empty (null), where CfCT\'s schema expects a mapping') : true;
  }
  if (TYPE_TESTS[type](data)) return true;
  const hint = type === 'str' && (typeof data !== 'object' || data instanceof YamlTimestamp) ? ' (quote it)' : '';
  return fail(pykwalifyType, 'pykwalifyType', `is ${kindOf(data)}, where CfCT's schema expects ${TYPE_NAMES[type]}${hint}`);
};

/** pykwalify's enum: Python's `in`, after null has passed (`_validate_scalar`). */
const pykwalifyEnum: SchemaValidateFunction = (values: readonly string[], data: unknown, parent?: AnySchemaObject) => {
  if (data === null || data === undefined) return true;
  const isDate = (parent as SchemaNode | undefined)?.pykwalifyType === 'date';
  const match = isDate
    ? data instanceof YamlTimestamp && data.dateOnly && values.includes(data.text)
    : typeof data === 'string' && values.includes(data);
  if (match) return true;
  const wanted = isDate ? `the unquoted date ${values.join(', ')}` : `one of ${values.join(', ')}`;
  const why = isDate && typeof data === 'string' ? ' (a quoted date is a string, and CfCT\'s schema compares dates: remove the quotes)' : '';
  return fail(pykwalifyEnum, 'pykwalifyEnum', `is ${kindOf(data)}; CfCT's schema allows only ${wanted}${why}`);
};

/** pykwalify's `unique` on a sequence's items, which skips null. */
const pykwalifyUnique: SchemaValidateFunction = (_on: boolean, data: unknown) => {
  if (!Array.isArray(data)) return true;
  const seen = new Map<unknown, number>();
  for (const [i, item] of data.entries()) {
    if (item === null || item === undefined) continue;
    const first = seen.get(item);
    if (first !== undefined) return fail(pykwalifyUnique, 'pykwalifyUnique', `[${i}] repeats ${kindOf(item)} of [${first}] (CfCT's schema: each value once)`, { index: i });
    seen.set(item, i);
  }
  return true;
};

let compiled: ValidateFunction | undefined;

/** The compiled schema (compiled once per process: a few milliseconds). */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addKeyword({ keyword: 'pykwalifyType', schemaType: 'string', errors: true, validate: pykwalifyType });
  ajv.addKeyword({ keyword: 'pykwalifyEnum', schemaType: 'array', errors: true, validate: pykwalifyEnum });
  ajv.addKeyword({ keyword: 'pykwalifyUnique', schemaType: 'boolean', errors: true, validate: pykwalifyUnique });
  // Read by pykwalifyType from the parent schema; nothing to validate on its own.
  ajv.addKeyword({ keyword: 'pykwalifyRequired', schemaType: 'boolean' });
  compiled = ajv.compile(MANIFEST_V2_SCHEMA);
  return compiled;
}

/** The schema's findings for a manifest that parsed; [] when it passes. */
export function checkSchema(manifest: ReadManifest): ManifestProblem[] {
  const validate = validator();
  if (validate(manifest.forSchema)) return [];
  const errors = validate.errors ?? [];
  // A value of the wrong type gets one finding, not also one per key it lacks.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'pykwalifyType').map((e) => e.instancePath));
  return errors
    .filter((e) => e.keyword === 'pykwalifyType' || !wrongType.has(e.instancePath))
    .map((e) => {
      const path = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      if (e.keyword === 'required') {
        const missing = String(e.params.missingProperty);
        return { severity: 'error' as const, at: manifest.positionOf(path), key: keyPath(path), message: `the required key ${missing} is missing (CfCT's schema requires it)`, rule: RULE };
      }
      if (e.keyword === 'additionalProperties') {
        const extra = String(e.params.additionalProperty);
        return { severity: 'error' as const, at: manifest.keyPositionOf(path, extra), key: keyPath([...path, extra]), message: `is not a key of CfCT's v2 manifest schema (pykwalify fails the build on it: remove it)`, rule: RULE };
      }
      if (e.keyword === 'pykwalifyUnique') {
        const index = Number((e.params as { index?: number }).index);
        return { severity: 'error' as const, at: manifest.positionOf([...path, index]), key: keyPath(path), message: e.message ?? 'repeats a value', rule: RULE };
      }
      return { severity: 'error' as const, at: manifest.positionOf(path), key: keyPath(path), message: e.message ?? `fails ${e.keyword}`, rule: RULE };
    });
}
