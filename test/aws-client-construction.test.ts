import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from '@swc/core';
import { REPO_ROOT } from './support/config';

/*
 * Every AWS client in src/ is made by `createAwsClient` (and every hand-signed request's HTTP handler
 * by `createHttpHandler`) in src/ops/aws-clients.ts: bounded connection and request timeouts, a
 * timeout retried once, and a timed-out call reported as one line naming it (issue 25 §1: a client
 * built by hand without them hung `root-credentials` on a silent endpoint for minutes). This reads
 * every file under src/ with SWC's TypeScript parser (as test/architecture.test.ts does) and fails on
 * any `new X(…)` of an AWS SDK client or HTTP handler anywhere else, naming the file and the line.
 */

/** The one file allowed to construct clients and handlers. */
const FACTORY = 'src/ops/aws-clients.ts';
/** Modules whose classes are AWS clients or the HTTP handler under them. */
const SDK_MODULE = /^(@aws-sdk\/client-|@aws-sdk\/lib-|@smithy\/node-http-handler$|@smithy\/fetch-http-handler$)/;
/** A class name that is a client or a handler whatever it was imported from (a generic helper's parameter, a re-export). */
const CLIENT_NAME = /(^Client$|Client$|HttpHandler$)/;

type Node = { readonly type?: string; readonly span?: { start: number }; readonly [key: string]: unknown };
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/** `file:line: new X(…)` for every construction of an AWS client or HTTP handler in `text`. */
export function clientConstructions(path: string, text: string): string[] {
  const module = parseSync(text, { syntax: 'typescript', target: 'es2022', comments: false }) as unknown as Node;
  const bytes = Buffer.from(text, 'utf8');
  const lineAt = (offset: number): number => bytes.subarray(0, Math.max(0, offset - 1)).toString('utf8').split('\n').length;
  // Which local names are an SDK module's client or handler classes (aliases included).
  const fromSdk = new Set<string>();
  for (const item of (module.body as Node[]) ?? []) {
    if (item.type !== 'ImportDeclaration' || !isNode(item.source) || !SDK_MODULE.test(String(item.source.value))) continue;
    for (const s of (item.specifiers as Node[]) ?? []) {
      const local = isNode(s.local) ? String(s.local.value) : '';
      const imported = isNode(s.imported) ? String(s.imported.value) : local;
      // Commands and errors come from the same modules; only the clients and handlers send requests.
      if (s.type !== 'ImportNamespaceSpecifier' && CLIENT_NAME.test(imported)) fromSdk.add(local);
    }
  }
  const found: string[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'NewExpression' && isNode(node.callee)) {
      const callee = node.callee;
      let name: string | undefined;
      if (callee.type === 'Identifier' && (fromSdk.has(String(callee.value)) || CLIENT_NAME.test(String(callee.value)))) name = String(callee.value);
      if (callee.type === 'MemberExpression' && isNode(callee.object) && isNode(callee.property)) {
        const property = String(callee.property.value);
        if (CLIENT_NAME.test(property)) name = `${String(callee.object.value)}.${property}`;
      }
      if (name && node.span) found.push(`${path}:${lineAt(node.span.start - (module.span as { start: number }).start + 1)}: new ${name}(…)`);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) { if (isNode(item)) visit(item); }
      else if (isNode(value)) visit(value);
    }
  };
  visit(module);
  return found;
}

function sourceFiles(rel: string): string[] {
  return readdirSync(join(REPO_ROOT, rel)).sort().flatMap((name) => {
    const child = `${rel}/${name}`;
    if (statSync(join(REPO_ROOT, child)).isDirectory()) return sourceFiles(child);
    return name.endsWith('.ts') ? [child] : [];
  });
}

describe('AWS clients are made only by the shared factory', () => {
  test('finds every form: a named import, an alias, a namespace, a generic class parameter, a handler', () => {
    const text = [
      "import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';",
      "import { IAMClient as Iam } from '@aws-sdk/client-iam';",
      "import * as orgs from '@aws-sdk/client-organizations';",
      "import { NodeHttpHandler } from '@smithy/node-http-handler';",
      'const a = new STSClient({});',
      'const b = new Iam({ region: "us-east-1" });',
      'const c = new orgs.OrganizationsClient({});',
      'function make<T>(Client: new (c: object) => T) { return new Client({}); }',
      'const h = new NodeHttpHandler({});',
      'const cmd = new GetCallerIdentityCommand({});',
    ].join('\n');
    expect(clientConstructions('src/x.ts', text)).toEqual([
      'src/x.ts:5: new STSClient(…)',
      'src/x.ts:6: new Iam(…)',
      'src/x.ts:7: new orgs.OrganizationsClient(…)',
      'src/x.ts:8: new Client(…)',
      'src/x.ts:9: new NodeHttpHandler(…)',
    ]);
  });

  test('no file under src/ but src/ops/aws-clients.ts constructs one', () => {
    const files = sourceFiles('src');
    expect(files).toContain(FACTORY);
    const found = files.filter((f) => f !== FACTORY).flatMap((f) => clientConstructions(f, readFileSync(join(REPO_ROOT, f), 'utf8')));
    expect(found).toEqual([]);
    // The factory itself is where they are made (so the scan is looking at the right thing).
    expect(clientConstructions(FACTORY, readFileSync(join(REPO_ROOT, FACTORY), 'utf8'))).toEqual([
      expect.stringMatching(/^src\/ops\/aws-clients\.ts:\d+: new Client\(…\)$/),
      expect.stringMatching(/^src\/ops\/aws-clients\.ts:\d+: new NodeHttpHandler\(…\)$/),
    ]);
  });
});
