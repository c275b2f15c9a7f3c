import { Readable } from 'node:stream';
import type { HttpRequest } from '@smithy/core/protocols';
import { clientSettings } from '../../../src/ops/aws-clients';
import { createPacer } from '../../../src/ops/api-pacer';
import { createControlTowerApi, type RequestHandler } from '../../../src/ops/control-tower/control-tower-api';
import { ouIdOfArn, readEnabledBaselines } from '../../../src/ops/control-tower/read-enabled-baselines';
import { BASELINES, enabledBaseline } from '../../support/fake-control-tower-api';

const credentials = async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });

/**
 * Control Tower answering ListBaselines and ListEnabledBaselines in the documented shapes
 * (API_ListBaselines.html, API_ListEnabledBaselines.html, API_EnabledBaselineSummary.html, read 2026-12-08):
 * the enabled baselines one to a page, so every nextToken is followed.
 */
function controlTower(enabled: readonly object[], fail?: { status: number; type: string }) {
  const requests: { path: string; body: Record<string, unknown> }[] = [];
  const handler: RequestHandler = {
    async handle(request: HttpRequest) {
      const body = JSON.parse(request.body as string) as Record<string, unknown>;
      requests.push({ path: request.path, body });
      const answer = (status: number, payload: object, headers: Record<string, string> = {}) =>
        ({ response: { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: Readable.from([Buffer.from(JSON.stringify(payload))]) } });
      if (fail && request.path === '/list-enabled-baselines') return answer(fail.status, { message: 'not authorized' }, { 'x-amzn-errortype': fail.type });
      if (request.path === '/list-baselines') return answer(200, { baselines: BASELINES });
      const at = Number(body.nextToken ?? 0);
      return answer(200, { enabledBaselines: enabled.slice(at, at + 1), ...(at + 1 < enabled.length ? { nextToken: String(at + 1) } : {}) });
    },
  };
  return { api: createControlTowerApi({ settings: clientSettings('us-east-1'), pacer: createPacer(), handler, credentials, env: {} }), requests };
}

const PATHS: Record<string, string> = { 'ou-abcd-workload': 'Workloads', 'ou-abcd-sandbox0': 'Sandbox' };

describe('readEnabledBaselines', () => {
  test('names each baseline (ListBaselines) and each OU by its CfCT path, every page, sorted by OU', async () => {
    const { api, requests } = controlTower([enabledBaseline(1, 'ou-abcd-workload'), enabledBaseline(0, 'ou-abcd-workload'), enabledBaseline(0, 'ou-abcd-sandbox0', 'UNDER_CHANGE')]);
    expect(await readEnabledBaselines(api, (id) => PATHS[id])).toEqual([
      { baseline: 'AWSControlTowerBaseline', ou: 'Sandbox', status: 'UNDER_CHANGE' },
      { baseline: 'AWSControlTowerBaseline', ou: 'Workloads', status: 'SUCCEEDED' },
      { baseline: 'ConfigBaseline', ou: 'Workloads', status: 'SUCCEEDED' },
    ]);
    expect(requests.map((r) => [r.path, r.body.nextToken ?? null])).toEqual([
      ['/list-baselines', null], ['/list-enabled-baselines', null], ['/list-enabled-baselines', '1'], ['/list-enabled-baselines', '2'],
    ]);
    expect(requests[1].body).toEqual({ maxResults: 100, includeChildren: false });
  });

  test('keeps the OU\'s ARN when the OU tree was not read, and the identifier of a baseline ListBaselines does not name', async () => {
    const unknown = { ...enabledBaseline(0, 'ou-abcd-workload') as Record<string, unknown>, baselineIdentifier: 'arn:aws:controltower:us-east-1::baseline/UNLISTED000001' };
    const { api } = controlTower([unknown]);
    expect(await readEnabledBaselines(api)).toEqual([{ baseline: 'arn:aws:controltower:us-east-1::baseline/UNLISTED000001', ou: 'arn:aws:organizations::111111111111:ou/o-exampleorgid/ou-abcd-workload', status: 'SUCCEEDED' }]);
  });

  test('records "not read" with the reason when the call is denied, and never throws', async () => {
    const { api } = controlTower([], { status: 403, type: 'AccessDeniedException' });
    expect(await readEnabledBaselines(api)).toMatch(/^not read: controltower:ListEnabledBaselines failed: access denied \(AccessDeniedException/);
  });

  test('ouIdOfArn reads the OU id of an Organizations OU ARN', () => {
    expect(ouIdOfArn('arn:aws:organizations::111111111111:ou/o-exampleorgid/ou-abcd-workload')).toBe('ou-abcd-workload');
    expect(ouIdOfArn('arn:aws:organizations::111111111111:root/o-exampleorgid/r-abcd')).toBeUndefined();
  });
});
