import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { SecurityTopic, type SecurityTopicProps } from '../constructs/security-topic';

/** The security team's topic; CfCT deploys it to the security account, home region. */
export class SecurityTopicStack extends Stack {
  public readonly securityTopic: SecurityTopic;

  constructor(scope: Construct, id: string, props: SecurityTopicProps & StackProps) {
    super(scope, id, props);
    this.securityTopic = new SecurityTopic(this, 'SecurityTopic', props);
    new CfnOutput(this, 'TopicArn', { value: this.securityTopic.topic.topicArn, description: 'Root-activity alerts topic' });
  }
}
