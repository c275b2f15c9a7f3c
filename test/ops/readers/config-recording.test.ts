import { ConfigServiceClient, GetAggregateDiscoveredResourceCountsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { createPacer } from '../../../src/ops/aws/api-pacer';
import { readRecordedResourceCounts } from '../../../src/ops/readers/config-recording';

const stub = mockClient(ConfigServiceClient);
afterEach(() => stub.reset());
afterAll(() => stub.restore());

describe('readRecordedResourceCounts', () => {
  test('groups by account in the home Region, follows NextToken, and keeps accounts with resources only', async () => {
    stub.on(GetAggregateDiscoveredResourceCountsCommand)
      .resolvesOnce({ GroupByKey: 'ACCOUNT_ID', GroupedResourceCounts: [{ GroupName: '222222222222', ResourceCount: 312 }, { GroupName: '333333333333', ResourceCount: 0 }], NextToken: 'page-2' })
      .resolvesOnce({ GroupByKey: 'ACCOUNT_ID', GroupedResourceCounts: [{ GroupName: '333333333334', ResourceCount: 9 }] });
    const pacer = createPacer();
    const counts = await readRecordedResourceCounts(new ConfigServiceClient({ region: 'us-east-1' }), 'aws-controltower-GuardrailsComplianceAggregator', 'us-east-1', pacer);
    expect([...counts]).toEqual([['222222222222', 312], ['333333333334', 9]]);
    const inputs = stub.commandCalls(GetAggregateDiscoveredResourceCountsCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([
      { ConfigurationAggregatorName: 'aws-controltower-GuardrailsComplianceAggregator', Filters: { Region: 'us-east-1' }, GroupByKey: 'ACCOUNT_ID', Limit: 1000, NextToken: undefined },
      { ConfigurationAggregatorName: 'aws-controltower-GuardrailsComplianceAggregator', Filters: { Region: 'us-east-1' }, GroupByKey: 'ACCOUNT_ID', Limit: 1000, NextToken: 'page-2' },
    ]);
    expect(pacer.counts()).toEqual({ 'config:GetAggregateDiscoveredResourceCounts': 2 });
  });

  test('throws the AWS error for the caller to report', async () => {
    stub.on(GetAggregateDiscoveredResourceCountsCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    await expect(readRecordedResourceCounts(new ConfigServiceClient({ region: 'us-east-1' }), 'x', 'us-east-1', createPacer())).rejects.toThrow('not authorized');
  });
});
