import { checkScpSlots } from '../../../../src/ops/preflight/rules/scp-slots';
import { failed, read } from '../../../support/reads';

const target = (attached: ReturnType<typeof read<readonly string[]>>) => ({ path: 'Workloads', label: 'OU Workloads', attached });
const facts = (names: string[], scpLimit = 5) => ({ targets: [target(read(names))], ourPolicyName: 'root-guard-root-baseline', scpLimit });

describe('checkScpSlots', () => {
  test('passes when the attached SCPs plus ours fit the quota', () => {
    expect(checkScpSlots(facts(['FullAWSAccess', 'aws-guardrails-AbCdEf']))).toEqual([{
      check: 'scp-slots', status: 'pass', target: 'OU Workloads', api: 'organizations:ListPoliciesForTarget', message: '2 attached (FullAWSAccess, aws-guardrails-AbCdEf) + root-guard-root-baseline = 3 of 5',
    }]);
  });

  test('assumes no Control Tower SCP: an OU of a 4.0 landing zone without mandatory controls has only FullAWSAccess (issue 24 §7)', () => {
    expect(checkScpSlots(facts(['FullAWSAccess']))[0]).toMatchObject({ status: 'pass', message: '1 attached (FullAWSAccess) + root-guard-root-baseline = 2 of 5' });
  });

  test('fails when they do not, and counts ours once when it is already attached', () => {
    const full = ['FullAWSAccess', 'aws-guardrails-A', 'aws-guardrails-B', 'team-1', 'team-2'];
    expect(checkScpSlots(facts(full))[0]).toMatchObject({ status: 'fail', message: expect.stringMatching(/= 6 of 5: AWS Organizations refuses the attachment/) });
    expect(checkScpSlots(facts([...full.slice(0, 4), 'root-guard-root-baseline']))[0]).toMatchObject({ status: 'pass', message: expect.stringContaining('root-guard-root-baseline among them = 5 of 5') });
    expect(checkScpSlots(facts(full, 10))[0].status).toBe('pass');
  });

  test('warns for a target whose SCPs could not be listed', () => {
    expect(checkScpSlots({ targets: [target(failed('OU Workloads', 'organizations:ListPoliciesForTarget'))], ourPolicyName: 'x', scpLimit: 5 })[0]).toMatchObject({
      status: 'warn', target: 'OU Workloads', message: expect.stringMatching(/^not checked: could not list its SCPs: access denied/),
    });
  });
});
