import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { RootEventForwarder, type RootEventForwarderProps } from '../constructs/root-event-forwarder';

/**
 * The fast-alert forwarder; CfCT deploys it to every covered account (the root-check targets plus the
 * management account) in every Region of `fastAlerts.regions`.
 */
export class RootEventForwarderStack extends Stack {
  public readonly rootEventForwarder: RootEventForwarder;

  constructor(scope: Construct, id: string, props: RootEventForwarderProps & StackProps) {
    super(scope, id, props);
    this.rootEventForwarder = new RootEventForwarder(this, 'RootEventForwarder', props);
  }
}
