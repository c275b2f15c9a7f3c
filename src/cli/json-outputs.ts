/**
 * The `--json` output of every command, as one type each: the JSON Schemas in schemas/ are generated
 * from these (scripts/json-schemas.ts; a test fails when they differ), and the tests validate every
 * command's output against them. Types only: nothing here runs.
 */
import type { BacktestJsonReport } from '../backtest/render-report';
import type { AuditReport } from '../ops/audit';
import type { PreflightResult } from '../ops/preflight';
import type { PublishResult } from '../ops/publish';
import type { ResolveOusResult } from '../ops/resolve-ous';
import type { StepOutcome } from '../ops/root-credentials/apply-deletions';
import type { DeletionPlan } from '../ops/root-credentials/deletion-plan';
import type { RootCredentialsReport } from '../ops/root-credentials/types';
import type { TestAlertReport } from '../ops/test-alert-report';
import type { InvestigateOutput } from './investigate';
import type { JsonEnvelope } from './json-output';

/** `root-guard audit --json`. */
export type AuditJson = JsonEnvelope<AuditReport>;
/** `root-guard preflight --json`. */
export type PreflightJson = JsonEnvelope<PreflightResult>;
/** `root-guard resolve --json`. */
export type ResolveJson = JsonEnvelope<ResolveOusResult>;
/** `root-guard publish --json`. */
export type PublishJson = JsonEnvelope<PublishOutput>;

/** `publish --json`'s result: what was published, and what to do next. */
export interface PublishOutput extends PublishResult {
  readonly nextSteps: readonly string[];
}
/** `root-guard test-alert --json`. */
export type TestAlertJson = JsonEnvelope<TestAlertReport>;
/** `root-guard investigate --json`. */
export type InvestigateJson = JsonEnvelope<InvestigateOutput>;
/** `root-guard backtest --json`. */
export type BacktestJson = JsonEnvelope<BacktestJsonReport>;
/** `root-guard hunt --json`: the backtest's result and where Athena read it. */
export type HuntJson = JsonEnvelope<HuntOutput>;

/** `hunt --json`'s result: the backtest's shape, and where Athena read it. */
export interface HuntOutput extends BacktestJsonReport {
  readonly hunt: HuntRun;
}

/** What `hunt --json` adds to the backtest's result. */
export interface HuntRun {
  /** `"database"."table"`. */
  readonly table: string;
  readonly workgroup: string;
  readonly start: string;
  readonly end: string;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  readonly bytesScanned: number;
  readonly estimatedCostUsd: number;
  readonly queryExecutionIds: readonly string[];
}

/** `root-guard root-credentials --json`: the inventory (with `--delete`, its plan), the removals applied, or a resumed journal's. */
export type RootCredentialsJson = JsonEnvelope<RootCredentialsInventory | RootCredentialsApplied | RootCredentialsResumed>;

/** The inventory, and with `--delete` (no `--apply`) the plan. */
export interface RootCredentialsInventory extends RootCredentialsReport {
  readonly plan?: DeletionPlan;
}
/** `--delete … --apply`: the inventory, the plan, the journal and each step's outcome. */
export interface RootCredentialsApplied extends RootCredentialsReport {
  readonly plan: DeletionPlan;
  readonly journal: string;
  readonly applied: readonly StepOutcome[];
}
/** `--resume JOURNAL --apply`: the journal's plan and each step's outcome. */
export interface RootCredentialsResumed {
  readonly plan: DeletionPlan;
  readonly journal: string;
  readonly applied: readonly StepOutcome[];
}
