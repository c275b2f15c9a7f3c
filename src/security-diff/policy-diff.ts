import { asSet, canonical, listShort, type SecurityChange, setDiff } from './change';

/**
 * The statements of an IAM policy document (an SCP, a topic, key or role policy) compared one by
 * one, as `cdk diff` shows IAM changes. Statements are matched by `Sid`, else by position.
 *
 * What weakens follows from how IAM evaluates them
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html, read
 * 2026-12-08): a Deny that goes away, or denies fewer actions or resources, or applies to fewer
 * principals, lets more through; an Allow that is added, or allows more actions, resources or
 * principals, lets more through. A changed condition is for a person to read (`review`), except the
 * principal exemptions this package writes (`ArnNotLike` / `StringNotLike` on `aws:PrincipalArn`),
 * where more exempted principals is less denied.
 */
export function diffPolicyDocument(subject: string, before: unknown, after: unknown): SecurityChange[] {
  const old = statementsOf(before);
  const now = statementsOf(after);
  const changes: SecurityChange[] = [];
  for (const [key, statement] of now) {
    const previous = old.get(key);
    if (!previous) {
      changes.push({ subject: `${subject}, statement ${key}`, kind: 'added', detail: describeStatement(statement), effect: isDeny(statement) ? 'strengthens' : 'weakens' });
    } else {
      changes.push(...diffStatement(`${subject}, statement ${key}`, previous, statement));
    }
  }
  for (const [key, statement] of old) {
    if (!now.has(key)) {
      changes.push({ subject: `${subject}, statement ${key}`, kind: 'removed', detail: describeStatement(statement), effect: isDeny(statement) ? 'weakens' : 'strengthens' });
    }
  }
  return changes;
}

type Statement = Readonly<Record<string, unknown>>;

function statementsOf(document: unknown): Map<string, Statement> {
  const raw = (document as { Statement?: unknown } | undefined)?.Statement;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Statement[];
  return new Map(list.map((s, i) => [typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : `#${i + 1}`, s]));
}

const isDeny = (s: Statement) => s.Effect === 'Deny';

function describeStatement(s: Statement): string {
  const actions = asSet(s.Action ?? s.NotAction);
  const principals = principalsOf(s);
  return `${String(s.Effect)} ${s.NotAction ? 'every action except ' : ''}${listShort(actions)}${principals.length > 0 ? ` to ${listShort(principals, 3)}` : ''}`;
}

/** Principals as `AWS:arn…`, `Service:name`, or `*`. */
function principalsOf(s: Statement): string[] {
  const p = s.Principal;
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  return Object.entries(p as Record<string, unknown>).flatMap(([type, v]) => asSet(v).map((x) => `${type}:${x}`));
}

function diffStatement(subject: string, before: Statement, after: Statement): SecurityChange[] {
  const changes: SecurityChange[] = [];
  const deny = isDeny(after);
  if (before.Effect !== after.Effect) {
    return [{ subject, kind: 'changed', detail: `effect ${String(before.Effect)} -> ${String(after.Effect)}`, effect: deny ? 'strengthens' : 'weakens' }];
  }
  // Fewer denied actions or resources, or more allowed ones, let more through; NotAction is the reverse.
  for (const [key, label, moreIsStronger] of [['Action', 'actions', deny], ['NotAction', 'actions excepted', !deny], ['Resource', 'resources', deny], ['NotResource', 'resources excepted', !deny]] as const) {
    const { added, removed } = setDiff(asSet(before[key]), asSet(after[key]));
    if (added.length > 0) changes.push({ subject, kind: 'changed', detail: `${label} added: ${listShort(added)}`, effect: moreIsStronger ? 'strengthens' : 'weakens' });
    if (removed.length > 0) changes.push({ subject, kind: 'changed', detail: `${label} removed: ${listShort(removed)}`, effect: moreIsStronger ? 'weakens' : 'strengthens' });
  }
  const { added, removed } = setDiff(principalsOf(before), principalsOf(after));
  if (added.length > 0) changes.push({ subject, kind: 'changed', detail: `principals added: ${listShort(added, 3)}`, effect: deny ? 'strengthens' : 'weakens' });
  if (removed.length > 0) changes.push({ subject, kind: 'changed', detail: `principals removed: ${listShort(removed, 3)}`, effect: deny ? 'weakens' : 'strengthens' });
  changes.push(...diffConditions(subject, before.Condition, after.Condition, deny));
  return changes;
}

/** Condition operators whose values exempt principals from a Deny (more values: fewer principals denied). */
const EXEMPTING = new Set(['ArnNotLike', 'ArnNotEquals', 'StringNotLike', 'StringNotEquals']);

function diffConditions(subject: string, before: unknown, after: unknown, deny: boolean): SecurityChange[] {
  const flat = (c: unknown) => new Map(Object.entries((c ?? {}) as Record<string, Record<string, unknown>>)
    .flatMap(([op, keys]) => Object.entries(keys ?? {}).map(([key, v]) => [`${op} ${key}`, asSet(v)] as const)));
  const old = flat(before);
  const now = flat(after);
  const changes: SecurityChange[] = [];
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const b = old.get(name);
    const a = now.get(name);
    if (b && a && canonical(b) === canonical(a)) continue;
    const op = name.split(' ')[0];
    if (deny && EXEMPTING.has(op) && b && a) {
      const d = setDiff(b, a);
      if (d.added.length > 0) changes.push({ subject, kind: 'changed', detail: `condition ${name}: exempts ${listShort(d.added, 3)} too`, effect: 'weakens' });
      if (d.removed.length > 0) changes.push({ subject, kind: 'changed', detail: `condition ${name}: no longer exempts ${listShort(d.removed, 3)}`, effect: 'strengthens' });
      continue;
    }
    const detail = !b ? `condition added: ${name} ${listShort(a!, 3)}` : !a ? `condition removed: ${name} ${listShort(b, 3)}` : `condition ${name}: ${listShort(b, 3)} -> ${listShort(a, 3)}`;
    // A condition removed from a Deny makes it apply more widely; one added narrows it (and the reverse for an Allow).
    const effect: SecurityChange['effect'] = !b ? (deny ? 'weakens' : 'strengthens') : !a ? (deny ? 'strengthens' : 'weakens') : 'review';
    changes.push({ subject, kind: 'changed', detail, effect });
  }
  return changes;
}
