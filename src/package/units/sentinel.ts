import { expectedDetection } from '../../health/expected';
import { sentinelDefinition } from '../../health/state-machine';
import { PACKAGE_PATHS, type Plan } from '../../plan';
import { type PackageUnit, stackSetResource, templateDescription } from './package-unit';

/* Loaded on demand, like the other optional stacks: a build with the sentinel off never evaluates them. */
const loadReaderStack = () => (require('../../stacks/sentinel-reader-stack') as typeof import('../../stacks/sentinel-reader-stack')).SentinelReaderStack;
const loadSentinelStack = () => (require('../../stacks/sentinel-stack') as typeof import('../../stacks/sentinel-stack')).SentinelStack;

/** The sentinel's management-account half: the read-only role and the canary. Undefined when the sentinel is off. */
export function sentinelReaderUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'sentinelReader');
  const sentinel = plan.sentinel;
  if (!stackSet || !sentinel) return undefined;
  const file = PACKAGE_PATHS.sentinelReaderTemplate;
  return {
    template: {
      file,
      stackId: 'SentinelReader',
      create: (app, id, props) => new (loadReaderStack())(app, id, {
        ...props,
        description: templateDescription(`sentinel: read-only role for the verifier in ${sentinel.accountId}, canary filter and alarm on ${sentinel.logGroupName} (management account)`),
        roleName: sentinel.readerRoleName,
        verifierRoleArn: sentinel.verifierRoleArn,
        ...(sentinel.organizationId ? { organizationId: sentinel.organizationId } : {}),
        logGroupName: sentinel.logGroupName,
        trailName: sentinel.trailName,
        alarmNamePrefix: plan.namePrefix,
        canary: sentinel.canary,
        topicArns: plan.tamperAlerts ? [...plan.tamperAlerts.alarmTopicArns] : [plan.securityTopic.arn],
      }),
    },
    resources: [stackSetResource(stackSet, 'Sentinel: read-only role and canary in the management account', file)],
  };
}

/** The sentinel's verifier in the security account. Undefined when the sentinel is off. */
export function sentinelUnit(plan: Plan): PackageUnit | undefined {
  const stackSet = plan.stackSets.find((s) => s.key === 'sentinel');
  const sentinel = plan.sentinel;
  if (!stackSet || !sentinel) return undefined;
  const file = PACKAGE_PATHS.sentinelTemplate;
  const expected = expectedDetection(plan);
  const definition = JSON.stringify(sentinelDefinition(sentinel, expected));
  return {
    template: {
      file,
      stackId: 'Sentinel',
      create: (app, id, props) => new (loadSentinelStack())(app, id, {
        ...props,
        description: templateDescription(`sentinel: verifier state machine every ${sentinel.intervalMinutes} minutes, its schedule and silence alarm (security account)`),
        stateMachineName: sentinel.stateMachineName,
        definition,
        verifierRoleName: sentinel.verifierRoleName,
        schedulerRoleName: sentinel.schedulerRoleName,
        scheduleName: sentinel.scheduleName,
        intervalMinutes: sentinel.intervalMinutes,
        readerRoleArn: sentinel.readerRoleArn,
        topicArns: expected.topics.map((t) => t.arn),
        notifyTopicArns: sentinel.notifyTopicArns,
        silenceAlarmName: sentinel.silenceAlarmName,
        // The security topic (an existing one needs the grant by hand: docs/tamper-alerts.md) and the tamper topic here.
        silenceAlarmTopicArns: [plan.securityTopic.arn, ...(plan.tamperAlerts ? [plan.tamperAlerts.receiver.topicArn] : [])],
        silencePeriodSeconds: sentinel.silencePeriodSeconds,
      }),
    },
    resources: [stackSetResource(stackSet, 'Sentinel: verifier proving the detection alive, in the security account', file)],
  };
}
