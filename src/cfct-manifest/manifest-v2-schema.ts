/**
 * CfCT's manifest v2 schema (`source/src/cfct/validation/manifest-v2.schema.yaml` at CfCT v2.8.4, git
 * blob 727942516f5094adb2e8984e79e2f66738dabe45; Apache-2.0, Amazon.com, Inc. or its affiliates),
 * transcribed rule for rule into JSON Schema for ajv (docs/reference/cfct.md#the-manifest-schema).
 *
 * JSON Schema's structure keywords mean what pykwalify's do here: `mapping` → `properties` with
 * `additionalProperties: false` (pykwalify: "Key 'x' was not defined"), `required: True` → `required`
 * (plus `pykwalifyRequired`, read by the type keyword), `sequence` → `items`. Where pykwalify's meaning
 * differs from JSON Schema's, its rule is a keyword of its own, run by schema-check.ts
 * (docs/reference/cfct.md#how-root-guard-checks-a-manifest):
 * - `pykwalifyType`: pykwalify's type tests (`pykwalify/types.py`: `str` is a Python string only, `bool`
 *   a Python bool, `date` a string or a date, `map` a dict, `seq` a list, `any` anything), and its
 *   null rule (`core.py` `_validate`): null fails a required key ("required.novalue") and passes
 *   anywhere else, except where a mapping is expected ("is not a dict").
 * - `pykwalifyEnum`: pykwalify compares with Python's `in` and skips null, so for the date `version`
 *   only the unquoted date 2021-03-15 equals the schema's date; a quoted string or a datetime does not.
 * - `pykwalifyUnique`: pykwalify's `unique` ignores nulls.
 */

/** The pykwalify type names the v2 schema uses. */
export type PykwalifyType = 'map' | 'seq' | 'str' | 'bool' | 'date' | 'any';

/** A JSON Schema node (the subset used here). */
export interface SchemaNode {
  readonly pykwalifyType: PykwalifyType;
  /** pykwalify's `required: True` on this key or sequence item: it must be present and not null. */
  readonly pykwalifyRequired?: boolean;
  readonly pykwalifyEnum?: readonly string[];
  readonly pykwalifyUnique?: boolean;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly items?: SchemaNode;
}

/** `type: map` with its `mapping`; the keys in `required` are `required: True`. */
const map = (mapping: Record<string, SchemaNode>, required: readonly string[] = []): SchemaNode => ({
  pykwalifyType: 'map',
  properties: Object.fromEntries(Object.entries(mapping).map(([key, node]) => [key, required.includes(key) ? { ...node, pykwalifyRequired: true } : node])),
  additionalProperties: false,
  ...(required.length > 0 ? { required } : {}),
});
/** `type: seq`; `itemRequired`: the item rule says `required: True`. */
const seq = (item: SchemaNode, options: { readonly unique?: boolean; readonly itemRequired?: boolean } = {}): SchemaNode => ({
  pykwalifyType: 'seq',
  items: options.itemRequired ? { ...item, pykwalifyRequired: true } : item,
  ...(options.unique ? { pykwalifyUnique: true } : {}),
});
const str: SchemaNode = { pykwalifyType: 'str' };

/** The v2 manifest version: `version: {type: date, required: True, enum: [2021-03-15]}`. */
export const MANIFEST_VERSION_V2 = '2021-03-15';

/** The deploy methods of the v2 schema (`rcp` since CfCT v2.8.1). */
export const DEPLOY_METHODS: readonly string[] = ['scp', 'stack_set', 'rcp'];

/** The v2 schema, in the order of the upstream file. */
export const MANIFEST_V2_SCHEMA: SchemaNode = map({
  region: str,
  version: { pykwalifyType: 'date', pykwalifyEnum: [MANIFEST_VERSION_V2] },
  enable_stack_set_deletion: { pykwalifyType: 'bool' },
  resources: seq(map({
    name: str,
    description: str,
    resource_file: str,
    deployment_targets: map({
      accounts: seq({ pykwalifyType: 'any' }),
      organizational_units: seq(str),
    }),
    parameter_file: str,
    parameters: seq(map({ parameter_key: str, parameter_value: { pykwalifyType: 'any' } }, ['parameter_key', 'parameter_value']), { itemRequired: true }),
    deploy_method: { pykwalifyType: 'str', pykwalifyEnum: DEPLOY_METHODS },
    regions: seq(str, { unique: true }),
    export_outputs: seq(map({ name: str, value: str }, ['name', 'value']), { itemRequired: true }),
  }, ['name', 'resource_file', 'deployment_targets', 'deploy_method']), { itemRequired: true }),
}, ['region', 'version']);
