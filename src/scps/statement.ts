/**
 * SCP documents as typed statements, serialized in one canonical form.
 *
 * CfCT submits the policy file's text as-is (after its own newline/space rewrite, see `size.ts`),
 * and Organizations counts every character against the size quota, so the form is compact JSON
 * with a fixed key order: the same statements always give the same bytes (a changed file makes
 * CfCT call UpdatePolicy; docs/reference/cfct.md#r9-policy-files, docs/reference/cfct.md#r10-byte-stable-templates).
 */

/** IAM policy language version; the only one SCPs accept. */
export const POLICY_VERSION = '2012-10-17';

/**
 * Condition operators the baseline uses. A closed list on purpose: every operator here is one the
 * SCP grammar accepts and the test simulator evaluates
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */
export type ConditionOperator =
  | 'ArnLike'
  | 'ArnNotLike'
  | 'StringEquals'
  | 'StringLike'
  | 'ForAnyValue:StringEquals'
  | 'Null';

/** `{ operator: { conditionKey: value | values } }`. */
export type ScpConditions = Readonly<Partial<Record<ConditionOperator, Readonly<Record<string, string | readonly string[]>>>>>;

/** One SCP statement. */
export interface ScpStatement {
  /** Statement id: letters and digits only (IAM allows no other characters in a Sid). */
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  /** `service:Action` names (wildcards allowed), or `*`. */
  readonly actions: readonly string[];
  /** Resource ARNs (wildcards allowed), or `*`. */
  readonly resources: readonly string[];
  readonly conditions?: ScpConditions;
}

/** The JSON shape of an SCP (what is written to `policies/<name>.json`). */
export interface ScpDocument {
  readonly Version: typeof POLICY_VERSION;
  readonly Statement: readonly ScpStatementJson[];
}

/** The JSON shape of one statement. */
export interface ScpStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

const SID = /^[A-Za-z0-9]+$/;

/**
 * The JSON form of a statement: keys in the order Sid, Effect, Action, Resource, Condition;
 * condition operators and keys sorted; a one-element list written as a plain string (the policy
 * grammar accepts both, and the string is shorter).
 */
export function toStatementJson(statement: ScpStatement): ScpStatementJson {
  if (!SID.test(statement.sid)) throw new Error(`SCP statement id "${statement.sid}" must be letters and digits only`);
  if (statement.actions.length === 0) throw new Error(`SCP statement ${statement.sid} has no actions`);
  if (statement.resources.length === 0) throw new Error(`SCP statement ${statement.sid} has no resources`);
  const json: {
    Sid: string;
    Effect: 'Allow' | 'Deny';
    Action: string | readonly string[];
    Resource: string | readonly string[];
    Condition?: Record<string, Record<string, string | readonly string[]>>;
  } = {
    Sid: statement.sid,
    Effect: statement.effect,
    Action: compactList(statement.actions),
    Resource: compactList(statement.resources),
  };
  const operators = Object.keys(statement.conditions ?? {}).sort() as ConditionOperator[];
  if (operators.length > 0) {
    json.Condition = {};
    for (const operator of operators) {
      const entries = statement.conditions?.[operator] ?? {};
      const keys = Object.keys(entries).sort();
      if (keys.length === 0) throw new Error(`SCP statement ${statement.sid} has an empty ${operator} condition`);
      json.Condition[operator] = Object.fromEntries(keys.map((key) => [key, compactValue(entries[key])]));
    }
  }
  return json;
}

/** The document for a list of statements. Sids must be unique within one policy. */
export function toScpDocument(statements: readonly ScpStatement[]): ScpDocument {
  const seen = new Set<string>();
  for (const { sid } of statements) {
    if (seen.has(sid)) throw new Error(`SCP statement id ${sid} is used twice in one policy`);
    seen.add(sid);
  }
  return { Version: POLICY_VERSION, Statement: statements.map(toStatementJson) };
}

/** Compact JSON, as written to `policies/` (no trailing newline: CfCT would send it as `\r\n`). */
export function renderScpText(document: ScpDocument): string {
  return JSON.stringify(document);
}

function compactList(values: readonly string[]): string | readonly string[] {
  return values.length === 1 ? values[0] : [...values];
}

function compactValue(value: string | readonly string[]): string | readonly string[] {
  return typeof value === 'string' ? value : compactList(value);
}
