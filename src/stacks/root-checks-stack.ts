import { Aws, CfnCondition, CfnResource, Fn, type ICfnConditionExpression, Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct, IConstruct } from 'constructs';
import { RootConfigRules, type RootConfigRulesProps } from '../constructs/root-config-rules';
import { RootEventForwarder, type RootEventForwarderProps } from '../constructs/root-event-forwarder';

/**
 * With fast alerts on, the forwarder joins the root checks in the same template (one member stack set).
 */
export interface MemberForwarding {
  /** The forwarder's properties. */
  readonly forwarder: RootEventForwarderProps;
  /** The home region: the only Region that gets the Config rules. */
  readonly homeRegion: string;
  /** `fastAlerts.regions`: the Regions that get the forwarder (the stack set deploys to these plus the home region). */
  readonly regions: readonly string[];
  /**
   * The management account, when the root checks must not land there (`rootChecks.includeManagementAccount:
   * false`): the stack set targets it for the forwarder only.
   * @default - the Config rules go to every account the stack set reaches
   */
  readonly accountWithoutRootChecks?: string;
}

/** Properties of {@link RootChecksStack}. */
export interface RootChecksStackProps extends RootConfigRulesProps, StackProps {
  /** @default - no forwarder: the Config rules only (the stack set deploys to the home region only) */
  readonly forwarding?: MemberForwarding;
}

/**
 * The per-account root checks; CfCT deploys it as one stack set to the accounts of
 * `rootChecks.organizationalUnits`.
 *
 * With fast alerts on, the same stack set also carries the forwarder and deploys to every Region of
 * `fastAlerts.regions` plus the home region, with CloudFormation conditions on `AWS::Region` (and, for
 * the management account, `AWS::AccountId`): the Config rules only in the home region (periodic rules on
 * a global IAM resource, AWS Config guide), the forwarder only in the listed Regions. One member stack
 * set instead of two: CfCT runs stack sets one at a time, and on large organizations each one costs tens
 * of minutes per pipeline run (aws-solutions/aws-control-tower-customizations#174, #177).
 *
 * A resource's `Condition` attribute makes CloudFormation create it only when the condition is true
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-condition.html);
 * conditions are `Fn::Equals` over a `Ref`, and `AWS::Region` / `AWS::AccountId` are pseudo parameters read
 * with `Ref` in every stack a stack set creates
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html; checked 2026-12-05).
 */
export class RootChecksStack extends Stack {
  public readonly rootConfigRules: RootConfigRules;
  public readonly rootEventForwarder?: RootEventForwarder;

  constructor(scope: Construct, id: string, props: RootChecksStackProps) {
    super(scope, id, props);
    this.rootConfigRules = new RootConfigRules(this, 'RootConfigRules', props);
    const forwarding = props.forwarding;
    if (!forwarding) return;

    this.rootEventForwarder = new RootEventForwarder(this, 'RootEventForwarder', forwarding.forwarder);
    const inHomeRegion: ICfnConditionExpression = Fn.conditionEquals(Aws.REGION, forwarding.homeRegion);
    const rootChecks = forwarding.accountWithoutRootChecks
      ? Fn.conditionAnd(inHomeRegion, Fn.conditionNot(Fn.conditionEquals(Aws.ACCOUNT_ID, forwarding.accountWithoutRootChecks)))
      : inHomeRegion;
    onlyIf(this.rootConfigRules, new CfnCondition(this, 'DeployRootChecks', { expression: rootChecks }));
    // Every Region the stack set deploys to but the home region is a forwarder Region; the home region is
    // one only if listed.
    const homeIsForwarded = forwarding.regions.includes(forwarding.homeRegion);
    if (!homeIsForwarded) {
      onlyIf(this.rootEventForwarder, new CfnCondition(this, 'DeployForwarder', { expression: Fn.conditionNot(inHomeRegion) }));
      if (forwarding.accountWithoutRootChecks) {
        // The management account's home-region stack would otherwise have no resource at all; CloudFormation
        // needs one. A wait condition handle has no properties, no cost and no permissions.
        new CfnResource(this, 'NothingElseHere', { type: 'AWS::CloudFormation::WaitConditionHandle' });
      }
    }
  }
}

/** Puts every CloudFormation resource under `scope` behind `condition`. */
function onlyIf(scope: IConstruct, condition: CfnCondition): void {
  for (const child of scope.node.findAll()) {
    if (child instanceof CfnResource) child.cfnOptions.condition = condition;
  }
}
