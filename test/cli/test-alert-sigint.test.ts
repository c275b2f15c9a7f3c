import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT, writeMinimalConfig } from '../support/config';

/*
 * Ctrl-C as a user presses it: a real SIGINT to a real `root-guard test-alert` process, whose AWS
 * calls go to a local endpoint (AWS_ENDPOINT_URL) that answers like the management account: STS and
 * SNS in the query protocol (XML), CloudWatch in JSON 1.0. The alarm's history never shows the
 * notification, so the command waits until the signal.
 */

const TOPIC = 'arn:aws:sns:us-east-1:222222222222:root-guard-root-activity';

interface Seen { readonly call: string; readonly body: string }

function fakeManagementAccount(onCall: (seen: Seen) => void) {
  const calls: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const call = target ? target.split('.').pop() ?? target : /Action=([A-Za-z]+)/.exec(body)?.[1] ?? 'unknown';
      const seen = { call, body };
      calls.push(seen);
      if (target) {
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        const json: Record<string, unknown> = call === 'DescribeAlarms'
          ? { MetricAlarms: [{ AlarmName: 'root-guard-root-activity', ActionsEnabled: true, AlarmActions: [TOPIC], StateValue: 'OK' }] }
          : call === 'DescribeAlarmHistory' ? { AlarmHistoryItems: [] } : {};
        res.end(JSON.stringify(json));
      } else {
        res.setHeader('content-type', 'text/xml');
        res.end(call === 'GetCallerIdentity'
          ? '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::111111111111:assumed-role/Admin/jane</Arn><UserId>AROAEXAMPLE:jane</UserId><Account>111111111111</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>'
          : `<ListSubscriptionsByTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListSubscriptionsByTopicResult><Subscriptions><member><TopicArn>${TOPIC}</TopicArn><Protocol>email</Protocol><SubscriptionArn>${TOPIC}:0b5c1d2e-example</SubscriptionArn><Owner>222222222222</Owner><Endpoint>security@example.com</Endpoint></member></Subscriptions></ListSubscriptionsByTopicResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></ListSubscriptionsByTopicResponse>`);
      }
      onCall(seen);
    });
  });
  return { server, calls };
}

test('SIGINT while test-alert waits: the process sets the alarm back to OK, says so, and exits 130', async () => {
  let interrupt: () => void = () => undefined;
  let histories = 0;
  const fake = fakeManagementAccount((seen) => {
    if (seen.call === 'DescribeAlarmHistory' && ++histories === 2) interrupt();
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  const { port } = fake.server.address() as AddressInfo;
  try {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'root-guard.js'), 'test-alert', '--config', writeMinimalConfig(), '--timeout', '900'], {
      env: { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`, AWS_REGION: 'us-east-1' },
    });
    interrupt = () => child.kill('SIGINT');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 130, stderr: 'Interrupted: setting root-guard-root-activity back to OK before exiting (Ctrl-C again to quit at once)…\n' });
    const states = fake.calls.filter((c) => c.call === 'SetAlarmState').map((c) => (JSON.parse(c.body) as { StateValue: string }).StateValue);
    expect(states).toEqual(['ALARM', 'OK']);
    expect(stdout).toContain('The alarm is back to OK (set back after the interrupt).');
    expect(stdout).toContain('Result: interrupted (exit 130): root-guard-root-activity was set back to OK.');
  } finally {
    fake.server.close();
  }
});
