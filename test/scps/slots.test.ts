import { describeScpSlots, reportScpSlots, SCP_ATTACHMENT_LIMIT } from '../../src/scps/slots';

describe('SCP slots per target', () => {
  const one = [{ name: 'root-guard-root-baseline' }];

  test('budgets 5 SCPs per target, the quota that holds everywhere', () => {
    expect(SCP_ATTACHMENT_LIMIT).toBe(5);
  });

  test('counts FullAWSAccess and at least one aws-guardrails-* SCP on an OU as Control Tower slots', () => {
    expect(reportScpSlots(['Workloads', 'Workloads:Prod'], one)).toEqual([
      { target: 'Workloads', ours: ['root-guard-root-baseline'], controlTowerMinimum: 2, controlTowerPolicies: 'FullAWSAccess + aws-guardrails-* (at least one on a registered OU)', limit: 5, free: 2 },
      { target: 'Workloads:Prod', ours: ['root-guard-root-baseline'], controlTowerMinimum: 2, controlTowerPolicies: 'FullAWSAccess + aws-guardrails-* (at least one on a registered OU)', limit: 5, free: 2 },
    ]);
  });

  test('counts only FullAWSAccess on the organization root', () => {
    expect(reportScpSlots(['Root'], one)[0]).toMatchObject({ controlTowerMinimum: 1, free: 3 });
  });

  test('describes each target in one line, with what Control Tower takes', () => {
    expect(describeScpSlots(reportScpSlots(['Workloads'], one))).toEqual([
      'SCP slots on Workloads: 3 of 5 (root-guard 1, Control Tower at least 2: FullAWSAccess + aws-guardrails-* (at least one on a registered OU)); 2 free',
    ]);
  });

  test('says when a target would be over the limit, and what to do', () => {
    const four = [1, 2, 3, 4].map((n) => ({ name: `p${n}` }));
    const [line] = describeScpSlots(reportScpSlots(['Sandbox'], four));
    expect(line).toMatch(/6 of 5 .* OVER the limit by 1: detach an SCP from Sandbox or remove it from scp\.organizationalUnits$/);
  });

  test('takes a higher limit where the raised quota applies', () => {
    expect(reportScpSlots(['Sandbox'], one, 10)[0].free).toBe(7);
  });
});
