import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import type { CisMonitoring, CisMonitoringProps } from '../constructs/cis-monitoring';
import { RootActivityAlarm, type RootActivityAlarmProps } from '../constructs/root-activity-alarm';

/*
 * CisMonitoring is loaded with `require` only when the stack has CIS alarms: a build without
 * cisMonitoring (the default) then never evaluates it (part of the ~4 ms the optional constructs
 * cost a cold `root-guard build`, measured in-process, median of 15).
 */
const loadCisMonitoring = () => (require('../constructs/cis-monitoring') as typeof import('../constructs/cis-monitoring')).CisMonitoring;

/** Properties of {@link RootActivityAlarmStack}. */
export interface RootActivityAlarmStackProps extends RootActivityAlarmProps, StackProps {
  /**
   * The CIS AWS Foundations 4.x filters and alarms on the same log group (same account and Region as
   * the root alarm, so one stack set less for CfCT to run).
   * @default - none: the root-activity filter and alarm only
   */
  readonly cisMonitoring?: CisMonitoringProps;
}

/** The org-wide root-activity filter and alarm; CfCT deploys it to the management account, home region. */
export class RootActivityAlarmStack extends Stack {
  public readonly rootActivityAlarm: RootActivityAlarm;
  /** Present when the stack has CIS alarms. */
  public readonly cisMonitoring?: CisMonitoring;

  constructor(scope: Construct, id: string, props: RootActivityAlarmStackProps) {
    super(scope, id, props);
    this.rootActivityAlarm = new RootActivityAlarm(this, 'RootActivityAlarm', props);
    if (props.cisMonitoring) this.cisMonitoring = new (loadCisMonitoring())(this, 'CisMonitoring', props.cisMonitoring);
  }
}
