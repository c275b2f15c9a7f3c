import type { RootGuardConfig } from '../../../src/config/schema';
import { minimalConfig } from '../../support/config';
import type { RuleComplianceRead } from '../../../src/ops/readers/config-compliance';
import { expectationsOf } from '../../../src/plan';
import { evaluateCoverage, type AccountCoverage, type CoverageInputs } from '../../../src/ops/coverage';
import type { OrganizationAccount, OrganizationSnapshot } from '../../../src/ops/organization';
import type { ScpAttachment } from '../../../src/ops/readers/scp-attachment';
import type { StackSetInstances, StackInstanceState } from '../../../src/ops/readers/stack-instances';

const config = minimalConfig;

// Root r-abcd: Management; Security: Audit; Workloads: Direct; Workloads:Prod: Prod App; Sandbox: Sandbox 1 (suspended one too).
const ORG: OrganizationSnapshot = {
  rootId: 'r-abcd',
  units: [
    { id: 'ou-abcd-sandbox0', name: 'Sandbox', parentId: 'r-abcd', path: 'Sandbox', ancestorIds: ['r-abcd'] },
    { id: 'ou-abcd-security', name: 'Security', parentId: 'r-abcd', path: 'Security', ancestorIds: ['r-abcd'] },
    { id: 'ou-abcd-workload', name: 'Workloads', parentId: 'r-abcd', path: 'Workloads', ancestorIds: ['r-abcd'] },
    { id: 'ou-abcd-prod0000', name: 'Prod', parentId: 'ou-abcd-workload', path: 'Workloads:Prod', ancestorIds: ['r-abcd', 'ou-abcd-workload'] },
  ],
  accounts: [
    { id: '111111111111', name: 'Management', state: 'ACTIVE', parentId: 'r-abcd', path: '', ancestorIds: ['r-abcd'] },
    { id: '222222222222', name: 'Audit', state: 'ACTIVE', parentId: 'ou-abcd-security', path: 'Security', ancestorIds: ['r-abcd', 'ou-abcd-security'] },
    { id: '333333333333', name: 'Direct', state: 'ACTIVE', parentId: 'ou-abcd-workload', path: 'Workloads', ancestorIds: ['r-abcd', 'ou-abcd-workload'] },
    { id: '333333333334', name: 'Prod App', state: 'ACTIVE', parentId: 'ou-abcd-prod0000', path: 'Workloads:Prod', ancestorIds: ['r-abcd', 'ou-abcd-workload', 'ou-abcd-prod0000'] },
    { id: '333333333335', name: 'Sandbox 1', state: 'ACTIVE', parentId: 'ou-abcd-sandbox0', path: 'Sandbox', ancestorIds: ['r-abcd', 'ou-abcd-sandbox0'] },
    { id: '333333333336', name: 'Closed', state: 'SUSPENDED', parentId: 'ou-abcd-sandbox0', path: 'Sandbox', ancestorIds: ['r-abcd', 'ou-abcd-sandbox0'] },
  ],
  unread: [],
};

const current = (account: string): StackInstanceState => ({ account, region: 'us-east-1', status: 'CURRENT', detailedStatus: 'SUCCEEDED' });
const found = (name: string, accounts: string[], extra: StackInstanceState[] = []): StackSetInstances =>
  ({ kind: 'found', stackSetName: name, instances: new Map([...accounts.map(current), ...extra].map((i) => [i.account, i])) });

/** Everything deployed as `cfg` says, for ORG; tests then break one thing. */
function healthyInputs(cfg: RootGuardConfig, org: OrganizationSnapshot = ORG, rootCheckAccounts = ['222222222222', '333333333333', '333333333334', '333333333335']): CoverageInputs {
  const expected = expectationsOf(cfg);
  const stackSets = new Map<string, StackSetInstances>([
    [expected.alarmStackSet, found(expected.alarmStackSet, ['111111111111'])],
    [expected.rootChecksStackSet, found(expected.rootChecksStackSet, rootCheckAccounts)],
  ]);
  if (expected.topicStackSet) stackSets.set(expected.topicStackSet, found(expected.topicStackSet, ['222222222222']));
  if (expected.tamperStackSet) stackSets.set(expected.tamperStackSet, found(expected.tamperStackSet, ['111111111111']));
  if (expected.sentinel) {
    stackSets.set(expected.sentinel.readerStackSet, found(expected.sentinel.readerStackSet, ['111111111111']));
    stackSets.set(expected.sentinel.verifierStackSet, found(expected.sentinel.verifierStackSet, [expected.sentinel.securityAccountId]));
  }
  const compliance: RuleComplianceRead[] = expected.rules.map((r) => ({
    kind: 'found', ruleName: r.name, byAccount: new Map(rootCheckAccounts.map((a) => [a, 'COMPLIANT'])),
  }));
  const scp: ScpAttachment = { kind: 'found', policyName: 'root-guard-root-baseline', policyId: 'p-example1', targetIds: new Set(['ou-abcd-workload']) };
  return { config: cfg, org, stackSets, scps: [scp], compliance };
}

const byId = (accounts: readonly AccountCoverage[], id: string) => accounts.find((a) => a.id === id)!;
const item = (account: AccountCoverage, id: string) => account.items.find((i) => i.id === id || i.id.startsWith(id));

describe('evaluateCoverage', () => {
  test('covers every active account when everything the config deploys is in place', () => {
    const { accounts, orgChecks } = evaluateCoverage(healthyInputs(config()));
    expect(accounts.map((a) => [a.id, a.result])).toEqual([
      ['111111111111', 'covered'],
      ['222222222222', 'covered'],
      ['333333333333', 'covered'],
      ['333333333334', 'covered'],
      ['333333333335', 'covered'],
      ['333333333336', 'inactive'],
    ]);
    expect(orgChecks.filter((c) => c.status !== 'ok')).toEqual([]);
  });

  test('reports the SCP as not applying to the management account, not as a gap', () => {
    const management = byId(evaluateCoverage(healthyInputs(config())).accounts, '111111111111');
    expect(item(management, 'scp')).toEqual(expect.objectContaining({ status: 'n/a', detail: expect.stringContaining('never apply to the management account') }));
    expect(item(management, 'stack-set:CustomControlTower-root-guard-root-checks')).toBeUndefined();
  });

  test('expects the root checks in the management account only with includeManagementAccount', () => {
    const cfg = config({ rootChecks: { organizationalUnits: ['Root'], includeManagementAccount: true } });
    const management = byId(evaluateCoverage(healthyInputs(cfg)).accounts, '111111111111');
    expect(management.result).toBe('uncovered');
    expect(item(management, 'stack-set:CustomControlTower-root-guard-root-checks')?.status).toBe('missing');
  });

  test('names the stack set and the status of an instance that is not CURRENT', () => {
    const cfg = config();
    const inputs = healthyInputs(cfg);
    const name = expectationsOf(cfg).rootChecksStackSet;
    const stackSets = new Map(inputs.stackSets);
    stackSets.set(name, found(name, ['222222222222', '333333333333', '333333333334'], [
      { account: '333333333335', region: 'us-east-1', status: 'OUTDATED', detailedStatus: 'FAILED', reason: 'ResourceLogicalId:RootMfa, ResourceType:AWS::Config::ConfigRule, ResourceStatusReason:NoAvailableConfigurationRecorder' },
    ]));
    const sandbox = byId(evaluateCoverage({ ...inputs, stackSets }).accounts, '333333333335');
    expect(sandbox.result).toBe('uncovered');
    expect(item(sandbox, `stack-set:${name}`)?.detail).toBe(`instance of ${name} is OUTDATED (FAILED: ResourceLogicalId:RootMfa, ResourceType:AWS::Config::ConfigRule, ResourceStatusReason:NoAvailableConfigurationRecorder)`);
  });

  test('marks every expected instance missing when the stack set does not exist, and says so at org level', () => {
    const cfg = config();
    const inputs = healthyInputs(cfg);
    const name = expectationsOf(cfg).rootChecksStackSet;
    const stackSets = new Map(inputs.stackSets);
    stackSets.set(name, { kind: 'absent', stackSetName: name });
    const { accounts, orgChecks } = evaluateCoverage({ ...inputs, stackSets });
    expect(accounts.filter((a) => a.result === 'uncovered').map((a) => a.id)).toEqual(['222222222222', '333333333333', '333333333334', '333333333335']);
    expect(orgChecks.find((c) => c.id === `stack-set:${name}`)).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining('has the CfCT pipeline run') }));
  });

  test('covers an account through the SCP on any OU of its path, and finds the gap when it is attached elsewhere', () => {
    const cfg = config();
    const inputs = healthyInputs(cfg);
    const ok = evaluateCoverage(inputs).accounts;
    expect(item(byId(ok, '333333333334'), 'scp')).toEqual(expect.objectContaining({ status: 'ok', detail: 'root-guard-root-baseline attached at ou-abcd-workload' }));
    expect(item(byId(ok, '333333333335'), 'scp')?.status).toBe('n/a');

    const moved = { ...inputs.scps[0], targetIds: new Set(['ou-abcd-sandbox0']) } as ScpAttachment;
    const { accounts, orgChecks } = evaluateCoverage({ ...inputs, scps: [moved] });
    expect(byId(accounts, '333333333334').result).toBe('uncovered');
    expect(item(byId(accounts, '333333333334'), 'scp')?.detail).toContain('nor to an OU on the path Workloads:Prod');
    expect(orgChecks.find((c) => c.id === 'scp-target:Workloads')?.status).toBe('missing');
  });

  test('counts an SCP attached at the root or on the account itself', () => {
    const inputs = healthyInputs(config());
    const at = (targets: string[]) => {
      const scps = [{ ...inputs.scps[0], targetIds: new Set(targets) } as ScpAttachment];
      return item(byId(evaluateCoverage({ ...inputs, scps }).accounts, '333333333334'), 'scp');
    };
    expect(at(['r-abcd'])?.detail).toBe('root-guard-root-baseline attached at r-abcd');
    expect(at(['333333333334'])?.detail).toBe('root-guard-root-baseline attached at 333333333334');
  });

  test('needs every part of a baseline split into several SCPs, and nothing when the config has none', () => {
    const inputs = healthyInputs(config());
    const second: ScpAttachment = { kind: 'found', policyName: 'root-guard-root-baseline-2', policyId: 'p-rootguard2', targetIds: new Set() };
    const prod = byId(evaluateCoverage({ ...inputs, scps: [...inputs.scps, second] }).accounts, '333333333334');
    expect(item(prod, 'scp')).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringMatching(/^root-guard-root-baseline-2 is attached neither/) }));
    const none = byId(evaluateCoverage({ ...inputs, scps: [] }).accounts, '333333333334');
    expect(item(none, 'scp')).toEqual(expect.objectContaining({ status: 'n/a', detail: 'the config generates no SCP (every scp switch is off)' }));
  });

  test('targets only accounts directly in a listed OU, unless includeNestedOUs', () => {
    const direct = config({ rootChecks: { organizationalUnits: ['Workloads'], includeManagementAccount: false } });
    const nested = config({ rootChecks: { organizationalUnits: ['Workloads'], includeNestedOUs: true, includeManagementAccount: false } });
    const run = (cfg: RootGuardConfig) => evaluateCoverage(healthyInputs(cfg, ORG, ['333333333333'])).accounts;
    expect(byId(run(direct), '333333333334').items.map((i) => i.id)).toEqual(['scp']); // Prod App: not targeted, only the SCP
    expect(byId(run(direct), '333333333334').result).toBe('covered');
    expect(byId(run(direct), '333333333335').result).toBe('not-targeted');
    const prod = byId(run(nested), '333333333334');
    expect(prod.result).toBe('uncovered');
    expect(item(prod, 'stack-set:')?.detail).toBe('no instance of CustomControlTower-root-guard-root-checks in us-east-1 (a nested OU: if it is new, run root-guard resolve, build and publish)');
    // Its OU is already in root-guard.ous.yaml: resolving again would change nothing, so no such advice.
    const resolved = evaluateCoverage({ ...healthyInputs(nested, ORG, ['333333333333']), resolvedRootCheckPaths: ['Workloads', prod.ouPath] }).accounts;
    expect(item(byId(resolved, '333333333334'), 'stack-set:')?.detail).toBe('no instance of CustomControlTower-root-guard-root-checks in us-east-1 (run the CfCT pipeline; for Root, CfCT reaches only enrolled accounts, and for an OU only the accounts directly in it)');
  });

  test('reports a root check that is NON_COMPLIANT as non-compliant, with what it means', () => {
    const cfg = config();
    const inputs = healthyInputs(cfg);
    const mfa = expectationsOf(cfg).rules[0].name;
    const compliance = inputs.compliance.map((c) => (c.ruleName === mfa && c.kind === 'found'
      ? { ...c, byAccount: new Map([...c.byAccount, ['333333333335', 'NON_COMPLIANT']]) }
      : c));
    const sandbox = byId(evaluateCoverage({ ...inputs, compliance }).accounts, '333333333335');
    expect(sandbox.result).toBe('non-compliant');
    expect(item(sandbox, `config:${mfa}`)?.detail).toBe('root user has no MFA (ROOT_ACCOUNT_MFA_ENABLED: NON_COMPLIANT)');
  });

  test('accepts NOT_APPLICABLE (no root credentials) and leaves INSUFFICIENT_DATA unknown', () => {
    const cfg = config();
    const inputs = healthyInputs(cfg);
    const compliance = inputs.compliance.map((c) => (c.kind === 'found'
      ? { ...c, byAccount: new Map([...c.byAccount, ['333333333333', 'NOT_APPLICABLE'], ['333333333335', 'INSUFFICIENT_DATA']]) }
      : c));
    const accounts = evaluateCoverage({ ...inputs, compliance }).accounts;
    expect(byId(accounts, '333333333333').result).toBe('covered');
    expect(byId(accounts, '333333333335').result).toBe('unknown');
  });

  test('expects the hardware MFA rule only when the config turns it on, and no access-key rule when it is off', () => {
    expect(expectationsOf(config()).rules.map((r) => r.name)).toEqual(['root-guard-root-mfa', 'root-guard-root-access-key']);
    const cfg = config({ rootChecks: { organizationalUnits: ['Root'], includeManagementAccount: false, hardwareMfa: true, accessKeys: false } });
    expect(expectationsOf(cfg).rules.map((r) => r.name)).toEqual(['root-guard-root-mfa', 'root-guard-root-hardware-mfa']);
  });

  test('expects no topic stack set when the config uses an existing topic', () => {
    const cfg = config({ securityTopic: { arn: 'arn:aws:sns:us-east-1:222222222222:security-alerts' } });
    expect(expectationsOf(cfg).topicStackSet).toBeUndefined();
    const audit = byId(evaluateCoverage(healthyInputs(cfg)).accounts, '222222222222');
    expect(audit.items.map((i) => i.id)).not.toContain('stack-set:CustomControlTower-root-guard-security-topic');
  });

  test('flags a configured OU path that does not exist (CfCT would silently deploy nowhere)', () => {
    const cfg = config({ scp: { organizationalUnits: ['Workload'] } });
    const { orgChecks } = evaluateCoverage(healthyInputs(cfg));
    expect(orgChecks.find((c) => c.id === 'ou:scp.organizationalUnits:Workload')).toEqual(expect.objectContaining({
      status: 'missing', detail: 'no OU at path "Workload" in the organization (fix scp.organizationalUnits in the config)',
    }));
  });

  test('leaves path-dependent items unknown for an account whose OU could not be read', () => {
    const lost: OrganizationAccount = { id: '333333333334', name: 'Prod App', state: 'ACTIVE' };
    const org = { ...ORG, accounts: ORG.accounts.map((a) => (a.id === lost.id ? lost : a)) };
    const prod = byId(evaluateCoverage(healthyInputs(config(), org)).accounts, '333333333334');
    expect(prod.ouPath).toBe('?');
    expect(item(prod, 'scp')?.status).toBe('unknown');
    expect(item(prod, 'stack-set:')?.status).toBe('ok'); // Root target: the path does not matter
    expect(prod.result).toBe('unknown');
  });
});

describe('evaluateCoverage of the tamper alerts', () => {
  const TAMPER = 'CustomControlTower-root-guard-tamper-alerts';

  test('expects the tamper stack set with an instance in the management account, and nothing when tamperAlerts is false', () => {
    const healthy = evaluateCoverage(healthyInputs(config()));
    expect(healthy.orgChecks.find((c) => c.id === `stack-set:${TAMPER}`)?.status).toBe('ok');
    expect(item(byId(healthy.accounts, '111111111111'), `stack-set:${TAMPER}`)?.status).toBe('ok');
    const off = evaluateCoverage(healthyInputs(config({ tamperAlerts: false })));
    expect(off.orgChecks.map((c) => c.id)).not.toContain(`stack-set:${TAMPER}`);
    expect(byId(off.accounts, '111111111111').items.map((i) => i.id)).not.toContain(`stack-set:${TAMPER}`);
  });

  test('marks the management account uncovered when the tamper stack set has no instance there, and reports a missing stack set at org level', () => {
    const inputs = healthyInputs(config());
    const without = evaluateCoverage({ ...inputs, stackSets: new Map([...inputs.stackSets, [TAMPER, found(TAMPER, [])]]) });
    expect(byId(without.accounts, '111111111111').result).toBe('uncovered');
    expect(item(byId(without.accounts, '111111111111'), `stack-set:${TAMPER}`)?.status).toBe('missing');
    const absent = evaluateCoverage({ ...inputs, stackSets: new Map([...inputs.stackSets, [TAMPER, { kind: 'absent', stackSetName: TAMPER }]]) });
    expect(absent.orgChecks.find((c) => c.id === `stack-set:${TAMPER}`)).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining('has the CfCT pipeline run') }));
  });
});

describe('evaluateCoverage with fastAlerts', () => {
  const FAST = { regions: ['us-east-1', 'eu-west-1'], organizationId: 'o-exampleorgid' };
  const BUS = 'CustomControlTower-root-guard-root-event-bus';
  // One member stack set: the forwarder is part of the root checks' stack set (src/plan/stack-sets.ts).
  const FORWARDER = 'CustomControlTower-root-guard-root-checks';
  const ROOT_CHECK_ACCOUNTS = ['222222222222', '333333333333', '333333333334', '333333333335'];
  const regional = (account: string, region: string, status = 'CURRENT', detailedStatus = 'SUCCEEDED', reason?: string): StackInstanceState =>
    ({ account, region, status, detailedStatus, ...(reason ? { reason } : {}) });
  const forwarderRead = (instances: StackInstanceState[]): StackSetInstances =>
    ({ kind: 'found', stackSetName: FORWARDER, instances: new Map(instances.map((i) => [i.account, i])) });

  /** The healthy deployment plus the bus in the security account and a forwarder in every covered account and Region. */
  function fastInputs(cfg: RootGuardConfig, covered = ['111111111111', ...ROOT_CHECK_ACCOUNTS], rootCheckAccounts = ROOT_CHECK_ACCOUNTS): CoverageInputs {
    const inputs = healthyInputs(cfg, ORG, rootCheckAccounts);
    const stackSets = new Map(inputs.stackSets);
    stackSets.set(BUS, found(BUS, ['222222222222']));
    const forwarders = new Map(cfg.fastAlerts!.regions.map((region) => [region, forwarderRead(covered.map((a) => regional(a, region)))]));
    return { ...inputs, stackSets, forwarders };
  }
  const withForwarder = (inputs: CoverageInputs, region: string, read: StackSetInstances): CoverageInputs =>
    ({ ...inputs, forwarders: new Map([...inputs.forwarders!, [region, read]]) });

  test('expects the bus and the forwarder stack sets, with the forwarder in every fast-alert Region', () => {
    expect(expectationsOf(config({ fastAlerts: FAST })).fastAlerts).toEqual({
      eventBusStackSet: BUS, forwarderStackSet: FORWARDER, regions: ['us-east-1', 'eu-west-1'], securityAccountId: '222222222222',
    });
    expect(expectationsOf(config({ securityTopic: { arn: 'arn:aws:sns:us-east-1:333333333333:security-alerts' }, fastAlerts: FAST })).fastAlerts?.securityAccountId).toBe('333333333333');
  });

  test('covers every account with a CURRENT forwarder in every Region, the management account included, and the bus in the security account', () => {
    const { accounts, orgChecks } = evaluateCoverage(fastInputs(config({ fastAlerts: FAST })));
    expect(accounts.map((a) => [a.id, a.result])).toEqual([
      ['111111111111', 'covered'], ['222222222222', 'covered'], ['333333333333', 'covered'], ['333333333334', 'covered'], ['333333333335', 'covered'], ['333333333336', 'inactive'],
    ]);
    expect(item(byId(accounts, '111111111111'), `stack-set:${FORWARDER}#forwarder`)).toEqual(expect.objectContaining({ status: 'ok', detail: `${FORWARDER} CURRENT in us-east-1, eu-west-1` }));
    expect(item(byId(accounts, '333333333334'), `stack-set:${FORWARDER}#forwarder`)?.status).toBe('ok');
    expect(orgChecks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(orgChecks.find((c) => c.id === `stack-set:${BUS}`)?.detail).toBe('central event bus: instance in the security account 222222222222 CURRENT');
    expect(orgChecks.find((c) => c.id === `stack-set:${FORWARDER}`)?.detail).toBe('instances: 5 in us-east-1, 5 in eu-west-1');
  });

  test('checks nothing of fast alerts when they are off', () => {
    const { accounts, orgChecks } = evaluateCoverage(healthyInputs(config()));
    expect(expectationsOf(config()).fastAlerts).toBeUndefined();
    expect(accounts.flatMap((a) => a.items.map((i) => i.id)).filter((id) => id.includes('root-event'))).toEqual([]);
    expect(orgChecks.map((c) => c.id).filter((id) => id.includes('root-event'))).toEqual([]);
  });

  test('finds an account whose forwarder is missing in one Region, and names that Region', () => {
    const cfg = config({ fastAlerts: FAST });
    const inputs = fastInputs(cfg);
    const euWest = forwarderRead(['111111111111', '222222222222', '333333333333', '333333333335'].map((a) => regional(a, 'eu-west-1')));
    const accounts = evaluateCoverage(withForwarder(inputs, 'eu-west-1', euWest)).accounts;
    const prod = byId(accounts, '333333333334');
    expect(prod.result).toBe('uncovered');
    expect(item(prod, `stack-set:${FORWARDER}#forwarder`)?.detail).toBe(`no instance of ${FORWARDER} in eu-west-1 (run the CfCT pipeline; for Root, CfCT reaches only enrolled accounts, and for an OU only the accounts directly in it)`);
    expect(accounts.filter((a) => a.result === 'uncovered').map((a) => a.id)).toEqual(['333333333334']);
  });

  test('tells to redeploy the prerequisite role when the management account has no forwarder', () => {
    const cfg = config({ fastAlerts: FAST });
    const accounts = evaluateCoverage(fastInputs(cfg, ROOT_CHECK_ACCOUNTS)).accounts;
    const management = byId(accounts, '111111111111');
    expect(management.result).toBe('uncovered');
    expect(item(management, `stack-set:${FORWARDER}#forwarder`)?.detail).toBe(
      `no instance of ${FORWARDER} in us-east-1, eu-west-1 (run the CfCT pipeline, after redeploying prerequisites/management-account-execution-role.json if fast alerts or Regions were added)`,
    );
  });

  test('names the Region and CloudFormation\'s reason for a forwarder instance that is not CURRENT', () => {
    const cfg = config({ fastAlerts: FAST });
    const inputs = fastInputs(cfg);
    const euWest = forwarderRead([
      ...['111111111111', '222222222222', '333333333334', '333333333335'].map((a) => regional(a, 'eu-west-1')),
      regional('333333333333', 'eu-west-1', 'OUTDATED', 'FAILED', 'ResourceLogicalId:RootEventForwarderRole, ResourceStatusReason:Access denied'),
    ]);
    const direct = byId(evaluateCoverage(withForwarder(inputs, 'eu-west-1', euWest)).accounts, '333333333333');
    expect(direct.result).toBe('uncovered');
    expect(item(direct, `stack-set:${FORWARDER}#forwarder`)?.detail).toBe(`instance of ${FORWARDER} in eu-west-1 is OUTDATED (FAILED: ResourceLogicalId:RootEventForwarderRole, ResourceStatusReason:Access denied)`);
  });

  test('targets the forwarder like the root checks (directly in the OU), plus the management account even without includeManagementAccount', () => {
    const cfg = config({ rootChecks: { organizationalUnits: ['Workloads'], includeManagementAccount: false }, fastAlerts: FAST });
    const accounts = evaluateCoverage(fastInputs(cfg, ['111111111111', '333333333333'], ['333333333333'])).accounts;
    expect(accounts.filter((a) => a.result === 'uncovered')).toEqual([]);
    expect(item(byId(accounts, '111111111111'), `stack-set:${FORWARDER}#forwarder`)?.status).toBe('ok');
    expect(item(byId(accounts, '333333333333'), `stack-set:${FORWARDER}#forwarder`)?.status).toBe('ok');
    expect(item(byId(accounts, '333333333334'), `stack-set:${FORWARDER}#forwarder`)).toBeUndefined(); // Workloads:Prod: not targeted
    expect(item(byId(accounts, '333333333335'), `stack-set:${FORWARDER}#forwarder`)).toBeUndefined();
  });

  test('reports the bus missing at org level when the security account has no instance, or it is not CURRENT', () => {
    const cfg = config({ fastAlerts: FAST });
    const inputs = fastInputs(cfg);
    const withBus = (read: StackSetInstances) => evaluateCoverage({ ...inputs, stackSets: new Map([...inputs.stackSets, [BUS, read]]) }).orgChecks.find((c) => c.id === `stack-set:${BUS}`);
    expect(withBus(found(BUS, []))).toEqual(expect.objectContaining({
      status: 'missing', detail: expect.stringMatching(/^no instance in the security account 222222222222 in us-east-1: fast alerts reach no one/),
    }));
    expect(withBus(found(BUS, [], [{ account: '222222222222', region: 'us-east-1', status: 'INOPERABLE', detailedStatus: 'FAILED' }]))).toEqual(expect.objectContaining({
      status: 'missing', detail: `central event bus: instance of ${BUS} in us-east-1 is INOPERABLE (FAILED)`,
    }));
    expect(withBus({ kind: 'absent', stackSetName: BUS })?.status).toBe('missing');
    // The bus is an org-level check only: no account gets an item for it.
    expect(evaluateCoverage(inputs).accounts.flatMap((a) => a.items.map((i) => i.id))).not.toContain(`stack-set:${BUS}`);
  });

  test('marks every covered account uncovered when the forwarder stack set does not exist', () => {
    const cfg = config({ fastAlerts: FAST });
    const absent: StackSetInstances = { kind: 'absent', stackSetName: FORWARDER };
    const { accounts, orgChecks } = evaluateCoverage({ ...fastInputs(cfg), forwarders: new Map([['us-east-1', absent], ['eu-west-1', absent]]) });
    expect(accounts.filter((a) => a.result === 'uncovered').map((a) => a.id)).toEqual(['111111111111', ...ROOT_CHECK_ACCOUNTS]);
    expect(orgChecks.find((c) => c.id === `stack-set:${FORWARDER}`)).toEqual(expect.objectContaining({ status: 'missing', detail: expect.stringContaining('has the CfCT pipeline run') }));
  });

  test('leaves the forwarder unknown when one Region could not be read, but still reports a gap found in another', () => {
    const cfg = config({ fastAlerts: FAST });
    const inputs = withForwarder(fastInputs(cfg), 'eu-west-1', { kind: 'unread', stackSetName: FORWARDER, reason: 'throttled' });
    const result = evaluateCoverage(inputs);
    expect(byId(result.accounts, '333333333333').result).toBe('unknown');
    expect(item(byId(result.accounts, '333333333333'), `stack-set:${FORWARDER}#forwarder`)?.detail).toBe(`cloudformation:ListStackInstances ${FORWARDER} in eu-west-1: throttled`);
    expect(result.orgChecks.find((c) => c.id === `stack-set:${FORWARDER}`)?.status).toBe('unknown');
    const usEast = forwarderRead(['111111111111', '222222222222', '333333333334', '333333333335'].map((a) => regional(a, 'us-east-1')));
    expect(byId(evaluateCoverage(withForwarder(inputs, 'us-east-1', usEast)).accounts, '333333333333').result).toBe('uncovered');
  });
});

describe('evaluateCoverage of the sentinel', () => {
  const READER = 'CustomControlTower-root-guard-sentinel-reader';
  const VERIFIER = 'CustomControlTower-root-guard-sentinel';

  test('expects the read-only role in the management account and the verifier in the security account, and nothing when the sentinel is off', () => {
    const healthy = evaluateCoverage(healthyInputs(config()));
    expect(healthy.orgChecks.filter((c) => [`stack-set:${READER}`, `stack-set:${VERIFIER}`].includes(c.id)).map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(item(byId(healthy.accounts, '111111111111'), `stack-set:${READER}`)?.status).toBe('ok');
    expect(item(byId(healthy.accounts, '222222222222'), `stack-set:${VERIFIER}`)?.status).toBe('ok');
    const off = evaluateCoverage(healthyInputs(config({ sentinel: { enabled: false } })));
    expect(off.orgChecks.map((c) => c.id)).not.toContain(`stack-set:${VERIFIER}`);
  });

  test('marks the security account uncovered when the verifier\'s instance is gone (deleted from the management account)', () => {
    const inputs = healthyInputs(config());
    const without = evaluateCoverage({ ...inputs, stackSets: new Map([...inputs.stackSets, [VERIFIER, found(VERIFIER, [])]]) });
    expect(byId(without.accounts, '222222222222').result).toBe('uncovered');
    expect(item(byId(without.accounts, '222222222222'), `stack-set:${VERIFIER}`)?.status).toBe('missing');
  });
});
