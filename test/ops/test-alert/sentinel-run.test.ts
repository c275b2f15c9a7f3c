import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { UserError } from '../../../src/errors';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { runSentinelNow } from '../../../src/ops/test-alert/sentinel-run';

const sfn = mockClient(SFNClient);
afterEach(() => sfn.reset());
afterAll(() => sfn.restore());

const ARN = 'arn:aws:states:us-east-1:222222222222:stateMachine:root-guard-sentinel';
const EXECUTION = 'arn:aws:states:us-east-1:222222222222:execution:root-guard-sentinel:root-guard-test-alert-20261208T100000000Z';
const MUTED = { check: 'alarm-muted', subject: 'root-guard-root-activity', status: 'failing', detail: 'muted by quiet-hours (SCHEDULED): …' };

async function run(statuses: object[], timeoutMs = 60_000) {
  sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
  const describe = sfn.on(DescribeExecutionCommand);
  statuses.forEach((s) => describe.resolvesOnce(s));
  let t = Date.parse('2026-12-08T10:00:00Z');
  return runSentinelNow(new SFNClient({ region: 'us-east-1' }), { stateMachineArn: ARN, pacer: createPacer(), timeoutMs, now: () => new Date(t), sleep: async (ms) => { t += ms; } });
}

describe('runSentinelNow', () => {
  test('starts one verification named for test-alert and reports a healthy run', async () => {
    const result = await run([{ status: 'RUNNING' }, { status: 'SUCCEEDED', output: '{"healthy":true,"findings":[]}' }]);
    expect(result).toEqual(expect.objectContaining({ status: 'healthy', executionArn: EXECUTION, findings: [] }));
    expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input).toEqual({ stateMachineArn: ARN, name: 'root-guard-test-alert-20261208T100000000Z', input: '{}' });
  });

  test('reports the findings of an unhealthy run from the Fail state\'s cause', async () => {
    const result = await run([{ status: 'FAILED', error: 'RootGuard.DetectionUnhealthy', cause: JSON.stringify({ healthy: false, findings: [MUTED] }) }]);
    expect(result).toEqual(expect.objectContaining({ status: 'unhealthy', findings: [MUTED], detail: '1 finding(s), published to the security topic' }));
  });

  test('a verifier that fails otherwise is "failed" with its error; one that does not end in time is "not-finished"', async () => {
    expect(await run([{ status: 'FAILED', error: 'States.Runtime', cause: 'An error occurred while executing the state' }])).toEqual(expect.objectContaining({ status: 'failed', detail: 'the verifier itself FAILED: States.Runtime An error occurred while executing the state' }));
    sfn.reset();
    const slow = await run(Array.from({ length: 50 }, () => ({ status: 'RUNNING' })), 9000);
    expect(slow).toEqual(expect.objectContaining({ status: 'not-finished', detail: expect.stringContaining('still running after 9 s') }));
  });

  test('a state machine that is not there is a UserError naming the fix', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('State Machine Does Not Exist'), { name: 'StateMachineDoesNotExist', $metadata: {} }));
    await expect(runSentinelNow(new SFNClient({ region: 'us-east-1' }), { stateMachineArn: ARN, pacer: createPacer() })).rejects.toThrow(UserError);
  });
});
