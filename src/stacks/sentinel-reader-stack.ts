import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { SentinelReader, type SentinelReaderProps } from '../constructs/sentinel-reader';

/** The sentinel's read-only role and canary; CfCT deploys it to the management account, home region. */
export class SentinelReaderStack extends Stack {
  public readonly reader: SentinelReader;

  constructor(scope: Construct, id: string, props: SentinelReaderProps & StackProps) {
    super(scope, id, props);
    this.reader = new SentinelReader(this, 'SentinelReader', props);
  }
}
