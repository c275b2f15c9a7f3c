import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { RootActivityAlarm, type RootActivityAlarmProps } from '../constructs/root-activity-alarm';

/** The org-wide root-activity filter and alarm; CfCT deploys it to the management account, home region. */
export class RootActivityAlarmStack extends Stack {
  public readonly rootActivityAlarm: RootActivityAlarm;

  constructor(scope: Construct, id: string, props: RootActivityAlarmProps & StackProps) {
    super(scope, id, props);
    this.rootActivityAlarm = new RootActivityAlarm(this, 'RootActivityAlarm', props);
  }
}
