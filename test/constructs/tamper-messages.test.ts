import { alarmEventTransformer, tamperAlertTransformer } from '../../src/constructs/tamper-messages';

const linesOf = (template: string) => template.split('\n').map((l) => JSON.parse(l) as string);

describe('tamperAlertTransformer', () => {
  test('says what, who, where and when, one JSON string per line', () => {
    const { inputPathsMap, inputTemplate } = tamperAlertTransformer('SNS topic deleted');
    expect(Object.keys(inputPathsMap).sort()).toEqual(['account', 'errorCode', 'eventId', 'eventName', 'eventSource', 'region', 'sourceIp', 'time', 'who']);
    const lines = linesOf(inputTemplate);
    expect(lines[0]).toBe('ROOT-GUARD TAMPER ALERT in AWS account <account>: SNS topic deleted');
    expect(lines).toEqual(expect.arrayContaining(['Who: <who>', 'When: <time> (UTC)']));
  });

  test('refuses a title that would break the template', () => {
    expect(() => tamperAlertTransformer('a <b>')).toThrow(/must not contain/);
  });
});

describe('alarmEventTransformer', () => {
  test('a state change names the alarm, its state and why, and says what a missing alarm email means', () => {
    const { inputPathsMap, inputTemplate } = alarmEventTransformer('alarm-state', 'went into ALARM');
    expect(inputPathsMap).toMatchObject({ alarmName: '$.detail.alarmName', state: '$.detail.state.value', reason: '$.detail.state.reason' });
    const lines = linesOf(inputTemplate);
    expect(lines[0]).toBe('ROOT-GUARD ALARM <alarmName> is <state> in AWS account <account>: went into ALARM');
    expect(lines.join(' ')).toContain('muted or disabled');
  });

  test('a configuration change names the operation and whether actions are still enabled', () => {
    const { inputPathsMap, inputTemplate } = alarmEventTransformer('alarm-config', 'changed');
    expect(inputPathsMap).toMatchObject({ operation: '$.detail.operation', actionsEnabled: '$.detail.configuration.actionsEnabled' });
    expect(linesOf(inputTemplate)[1]).toBe('Actions enabled after the change: <actionsEnabled>');
  });

  test('every placeholder has a path, and every path is used', () => {
    for (const [kind, message] of [['api-call', tamperAlertTransformer('t')], ['alarm-state', alarmEventTransformer('alarm-state', 't')], ['alarm-config', alarmEventTransformer('alarm-config', 't')]] as const) {
      const placeholders = new Set([...message.inputTemplate.matchAll(/<([A-Za-z]+)>/g)].map((m) => m[1]));
      expect({ kind, placeholders: [...placeholders].sort() }).toEqual({ kind, placeholders: Object.keys(message.inputPathsMap).sort() });
    }
  });
});
