import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { SecurityEventBus, type SecurityEventBusProps } from '../constructs/security-event-bus';

/** The fast-alert bus and its formatting rules; CfCT deploys it to the security account, home region. */
export class SecurityEventBusStack extends Stack {
  public readonly securityEventBus: SecurityEventBus;

  constructor(scope: Construct, id: string, props: SecurityEventBusProps & StackProps) {
    super(scope, id, props);
    this.securityEventBus = new SecurityEventBus(this, 'SecurityEventBus', props);
    new CfnOutput(this, 'EventBusArn', { value: this.securityEventBus.eventBus.eventBusArn, description: 'Central bus for root-activity fast alerts' });
  }
}
