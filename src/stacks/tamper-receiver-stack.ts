import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { TamperReceiver, type TamperReceiverProps } from '../constructs/tamper-receiver';

/** The security account's side of tamper path B; CfCT deploys it to the security account, home region (docs/tamper-alerts.md). */
export class TamperReceiverStack extends Stack {
  public readonly tamperReceiver: TamperReceiver;

  constructor(scope: Construct, id: string, props: TamperReceiverProps & StackProps) {
    super(scope, id, props);
    this.tamperReceiver = new TamperReceiver(this, 'TamperReceiver', props);
  }
}
