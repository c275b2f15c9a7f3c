import { GetRolePolicyCommand, type IAMClient, paginateListRolePolicies } from '@aws-sdk/client-iam';
import { PREFLIGHT_API as API, type Read } from './finding';

/**
 * Reads the statement ids of a role's inline policies. The prerequisite's permissions are one
 * `AWS::IAM::Policy` attached to the role, which CloudFormation embeds as an inline policy of the role
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-policy.html);
 * no managed policy is attached to it, so ListAttachedRolePolicies is not needed.
 */

/** One Allow statement with a Sid, as the live policy has it. */
export interface LiveStatement {
  readonly sid: string;
  /** `Action`, as a list (patterns such as `logs:*` kept as written). */
  readonly actions: readonly string[];
  /** `Resource`, as a list. */
  readonly resources: readonly string[];
}

/** One inline policy of the role: the Sids of its statements, and its Allow statements (statements without a Sid are left out). */
export interface InlinePolicySids {
  readonly name: string;
  readonly sids: readonly string[];
  readonly statements: readonly LiveStatement[];
}

type Attempt = <T>(target: string, api: string, call: () => Promise<T>) => Promise<Read<T>>;

/** Lists the role's inline policies (every page) and reads each one; the first call that fails is the result. */
export async function readInlinePolicySids(iam: IAMClient, roleName: string, target: string, attempt: Attempt): Promise<Read<InlinePolicySids[]>> {
  const names = await attempt(target, API.listRolePolicies, async () => {
    const found: string[] = [];
    for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: roleName })) found.push(...(page.PolicyNames ?? []));
    return found;
  });
  if (!names.ok) return names;
  const policies: InlinePolicySids[] = [];
  for (const name of names.value) {
    // A document that does not parse is a failed read too, named by its call.
    const read = await attempt(target, API.getRolePolicy, async () =>
      allowStatements((await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }))).PolicyDocument ?? '{}'));
    if (!read.ok) return read;
    policies.push({ name, sids: read.value.sids, statements: read.value.statements });
  }
  return { ok: true, value: policies };
}

/**
 * The Sids of a policy document. IAM returns it URL-encoded (RFC 3986; "some SDKs do this decoding
 * automatically", https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html), so a
 * document that is not JSON yet is decoded first. One statement may be an object rather than a list.
 */
export function statementSids(document: string): string[] {
  return [...allowStatements(document).sids];
}

/** The Sids of a policy document (any effect) and its Allow statements that have a Sid. */
export function allowStatements(document: string): { sids: string[]; statements: LiveStatement[] } {
  const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
  const parsed = JSON.parse(text) as { Statement?: unknown };
  const raw = (Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : []) as Record<string, unknown>[];
  const list = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const withSid = raw.filter((st) => typeof st?.Sid === 'string');
  return {
    sids: withSid.map((st) => st.Sid as string),
    statements: withSid.filter((st) => st.Effect === 'Allow').map((st) => ({ sid: st.Sid as string, actions: list(st.Action), resources: list(st.Resource) })),
  };
}
