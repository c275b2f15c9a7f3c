import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { SentinelVerifier, type SentinelVerifierProps } from '../constructs/sentinel-verifier';

/** The sentinel's verifier, schedule and silence alarm; CfCT deploys it to the security account, home region. */
export class SentinelStack extends Stack {
  public readonly verifier: SentinelVerifier;

  constructor(scope: Construct, id: string, props: SentinelVerifierProps & StackProps) {
    super(scope, id, props);
    this.verifier = new SentinelVerifier(this, 'SentinelVerifier', props);
  }
}
