import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { asSet, listShort, type SecurityChange, setDiff } from './change';
import { diffPolicyDocument } from './policy-diff';
import { diffResource, resourceLabel, resourcePresence, type TemplateResource } from './resource-diff';

/**
 * The security summary of a change to the package: the package as committed (`before`) against the
 * package the config now generates (`after`), both as file path → content. Pure: it reads no file.
 *
 * It compares what CfCT deploys as the manifest says (docs/reference/cfct.md): each SCP's statements
 * and the OUs and accounts it is attached to, each stack set's targets and Regions, and each
 * template's resources (the prerequisites' execution role too). A file that cannot be parsed is
 * reported as changed for review, never as "no change".
 */
export function diffPackage(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): SecurityChange[] {
  const old = readPackage(before);
  const now = readPackage(after);
  const changes: SecurityChange[] = [];
  for (const name of union(old.resources.keys(), now.resources.keys())) {
    const b = old.resources.get(name);
    const a = now.resources.get(name);
    const what = (a ?? b)!.method === 'scp' ? `SCP ${name}` : `stack set ${name}`;
    if (!b) changes.push({ subject: what, kind: 'added', detail: `targets ${describeTargets(a!)}`, effect: 'strengthens' });
    else if (!a) changes.push({ subject: what, kind: 'removed', detail: `was on ${describeTargets(b)} (CfCT leaves it deployed: remove it by hand, or keep it)`, effect: 'weakens' });
    else changes.push(...diffTargets(what, b, a));
  }
  for (const file of union(old.documents.keys(), now.documents.keys())) {
    const b = old.documents.get(file);
    const a = now.documents.get(file);
    if (b?.kind === 'unreadable' || a?.kind === 'unreadable') {
      changes.push({ subject: file, kind: 'changed', detail: `not valid ${file.endsWith('.yaml') ? 'YAML' : 'JSON'}: compare it by hand`, effect: 'review' });
      continue;
    }
    if (b?.kind === 'policy' || a?.kind === 'policy') {
      changes.push(...diffPolicyDocument(`SCP ${scpName(now, old, file)}`, b?.kind === 'policy' ? b.document : undefined, a?.kind === 'policy' ? a.document : undefined));
      continue;
    }
    const br = b?.kind === 'template' ? b.resources : {};
    const ar = a?.kind === 'template' ? a.resources : {};
    if (!a || !b) {
      // A whole template added or removed: one line with what it holds, not one per resource.
      changes.push(templatePresence(file, a ? ar : br, a ? 'added' : 'removed'));
      continue;
    }
    for (const id of union(Object.keys(br), Object.keys(ar))) {
      const subject = `${file}: ${resourceLabel(id, ar[id] ?? br[id])}`;
      if (!br[id]) changes.push(resourcePresence(subject, ar[id], 'added'));
      else if (!ar[id]) changes.push(resourcePresence(subject, br[id], 'removed'));
      else changes.push(...diffResource(subject, br[id], ar[id]));
    }
  }
  return changes;
}

/** A manifest resource: how CfCT deploys it, and where. */
interface ManifestResource {
  readonly method: string;
  readonly file: string;
  readonly ous: readonly string[];
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
}

type Document =
  | { readonly kind: 'policy'; readonly document: unknown }
  | { readonly kind: 'template'; readonly resources: Readonly<Record<string, TemplateResource>> }
  | { readonly kind: 'unreadable' };

interface PackageModel {
  readonly resources: ReadonlyMap<string, ManifestResource>;
  /** policies/, templates/ and prerequisites/ files, parsed. */
  readonly documents: ReadonlyMap<string, Document>;
}

function readPackage(files: ReadonlyMap<string, string>): PackageModel {
  const resources = new Map<string, ManifestResource>();
  const documents = new Map<string, Document>();
  const manifest = files.get('manifest.yaml');
  if (manifest !== undefined) {
    // js-yaml, as the build reads its config: 3-4x faster than `yaml` (README, "Why each dependency").
    let parsed: { resources?: Record<string, unknown>[] } | null;
    try {
      parsed = loadYaml(manifest, { schema: CORE_SCHEMA }) as typeof parsed;
    } catch {
      parsed = null;
      documents.set('manifest.yaml', { kind: 'unreadable' }); // reported for review, never as "no change"
    }
    for (const r of parsed?.resources ?? []) {
      const targets = (r.deployment_targets ?? {}) as { organizational_units?: unknown; accounts?: unknown };
      resources.set(String(r.name), {
        method: String(r.deploy_method),
        file: String(r.resource_file),
        ous: asSet(targets.organizational_units),
        accounts: asSet(targets.accounts),
        regions: asSet(r.regions),
      });
    }
  }
  for (const [path, text] of files) {
    if (!/^(policies|templates|prerequisites)\/.+\.json$/.test(path)) continue;
    let value: { Resources?: Record<string, TemplateResource>; Statement?: unknown };
    try {
      value = JSON.parse(text) as typeof value;
    } catch {
      documents.set(path, { kind: 'unreadable' });
      continue;
    }
    documents.set(path, path.startsWith('policies/') ? { kind: 'policy', document: value } : { kind: 'template', resources: value.Resources ?? {} });
  }
  return { resources, documents };
}

function templatePresence(file: string, resources: Readonly<Record<string, TemplateResource>>, kind: 'added' | 'removed'): SecurityChange {
  const counts = new Map<string, number>();
  for (const r of Object.values(resources)) {
    const label = resourceLabel('', r).trim();
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const holds = [...counts].map(([label, n]) => `${n} ${label}${n === 1 ? '' : '(s)'}`).join(', ');
  const protective = Object.values(resources).some((r) => resourcePresence('', r, kind).effect !== 'review');
  return { subject: file, kind, detail: holds || 'no resource', effect: !protective ? 'review' : kind === 'added' ? 'strengthens' : 'weakens' };
}

/** Targets gained are wider reach; targets lost are narrower (a stack set's or SCP's protection leaves them). */
function diffTargets(subject: string, b: ManifestResource, a: ManifestResource): SecurityChange[] {
  const changes: SecurityChange[] = [];
  for (const [key, label] of [['ous', 'OUs'], ['accounts', 'accounts'], ['regions', 'Regions']] as const) {
    const d = setDiff(b[key], a[key]);
    if (d.added.length > 0) changes.push({ subject, kind: 'changed', detail: `widened: ${label} added: ${listShort(d.added)}`, effect: 'strengthens' });
    if (d.removed.length > 0) changes.push({ subject, kind: 'changed', detail: `narrowed: ${label} removed: ${listShort(d.removed)}`, effect: 'weakens' });
  }
  return changes;
}

function describeTargets(r: ManifestResource): string {
  const parts = [r.ous.length > 0 ? `OUs ${listShort(r.ous)}` : '', r.accounts.length > 0 ? `accounts ${listShort(r.accounts)}` : '', r.regions.length > 0 ? `in ${listShort(r.regions)}` : ''];
  return parts.filter(Boolean).join(' ') || 'no target';
}

/** The manifest name of the SCP in `file` (the file's name when the manifest does not list it). */
function scpName(now: PackageModel, old: PackageModel, file: string): string {
  for (const model of [now, old]) {
    for (const [name, r] of model.resources) if (r.file === file) return name;
  }
  return file;
}

function union<T>(a: Iterable<T>, b: Iterable<T>): T[] {
  return [...new Set([...a, ...b])];
}
