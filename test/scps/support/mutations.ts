/**
 * Test-only: single-element mutations of SCP documents, to prove that every statement, action,
 * resource and condition of the baseline is load-bearing (a simulation changes without it).
 */
import type { AttachedScp, PolicyJson } from './org-simulator';

type Json = Record<string, unknown>;

/** One mutated copy of the policy set. */
export interface Mutation {
  /** What was removed, e.g. `root-guard-root-baseline/ProtectAlertTopic: Action sns:DeleteTopic`. */
  readonly label: string;
  /** The policy set with the one element removed. */
  readonly scps: AttachedScp[];
  /** The ORIGINAL statement the mutation touched (to pick the requests it can affect). */
  readonly statement: Json;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : [value as string]);

/**
 * Every mutation that removes exactly one thing: a statement; one Action or Resource entry of a
 * list; one condition key; one value of a multi-valued condition key.
 */
export function mutationsOf(scps: readonly AttachedScp[]): Mutation[] {
  const result: Mutation[] = [];
  scps.forEach((scp, policyIndex) => {
    const statements = scp.document.Statement as readonly Json[];
    statements.forEach((statement, statementIndex) => {
      const at = `${scp.name}/${String(statement.Sid)}`;
      const replaceWith = (mutated: Json | undefined, what: string) => {
        const copy = structuredClone(scps) as AttachedScp[];
        const list = [...(copy[policyIndex].document.Statement as Json[])];
        if (mutated) list[statementIndex] = mutated;
        else list.splice(statementIndex, 1);
        copy[policyIndex] = { name: scp.name, document: { ...copy[policyIndex].document, Statement: list } as PolicyJson };
        result.push({ label: `${at}: ${what}`, scps: copy, statement });
      };

      replaceWith(undefined, 'whole statement');
      for (const field of ['Action', 'Resource'] as const) {
        const values = asList(statement[field]);
        if (values.length < 2) continue;
        for (const value of values) {
          replaceWith({ ...structuredClone(statement), [field]: values.filter((v) => v !== value) }, `${field} ${value}`);
        }
      }
      const conditions = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
      for (const [operator, keys] of Object.entries(conditions)) {
        for (const [key, value] of Object.entries(keys)) {
          const withoutKey = structuredClone(statement) as { Condition: Record<string, Record<string, unknown>> };
          delete withoutKey.Condition[operator][key];
          if (Object.keys(withoutKey.Condition[operator]).length === 0) delete withoutKey.Condition[operator];
          if (Object.keys(withoutKey.Condition).length === 0) delete (withoutKey as Json).Condition;
          replaceWith(withoutKey as Json, `condition ${operator} ${key}`);

          const values = asList(value);
          if (values.length < 2) continue;
          for (const v of values) {
            const withoutValue = structuredClone(statement) as { Condition: Record<string, Record<string, unknown>> };
            withoutValue.Condition[operator][key] = values.filter((x) => x !== v);
            replaceWith(withoutValue as Json, `condition ${operator} ${key} value ${v}`);
          }
        }
      }
    });
  });
  return result;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * Whether a statement can apply to a request at all (its Action and Resource patterns match).
 * Removing an element never widens a statement's Action or Resource, so a mutation of this
 * statement cannot change the verdict on a request for which this is false.
 */
export function statementCanApply(statement: Json, action: string, resource: string): boolean {
  return asList(statement.Action).some((a) => globToRegExp(a).test(action))
    && asList(statement.Resource).some((r) => globToRegExp(r).test(resource));
}
