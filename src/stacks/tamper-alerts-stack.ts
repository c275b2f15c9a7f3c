import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { TamperAlerts, type TamperAlertsProps } from '../constructs/tamper-alerts';

/** Tamper alerts; CfCT deploys it to the management account, home region (docs/tamper-alerts.md). */
export class TamperAlertsStack extends Stack {
  public readonly tamperAlerts: TamperAlerts;

  constructor(scope: Construct, id: string, props: TamperAlertsProps & StackProps) {
    super(scope, id, props);
    this.tamperAlerts = new TamperAlerts(this, 'TamperAlerts', props);
  }
}
