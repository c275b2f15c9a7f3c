/**
 * The `--json` output of every command, as one type each: the JSON Schemas in schemas/ are generated
 * from these (scripts/json-schemas.ts; a test fails when they differ), and the tests validate every
 * command's output against them. Types only: nothing here runs.
 */
import type { BacktestJsonReport } from '../backtest/render-report';
import type { AuditReport } from '../ops/audit/audit';
import type { PreflightResult } from '../ops/preflight';
import type { PublishResult } from '../ops/publish/publish';
import type { ResolveOusResult } from '../ops/resolve-ous/resolve-ous';
import type { StepOutcome } from '../ops/root-credentials/apply-deletions';
import type { DeletionPlan } from '../ops/root-credentials/deletion-plan';
import type { RootCredentialsReport } from '../ops/root-credentials/types';
import type { TestAlertReport } from '../ops/test-alert/test-alert-report';
import type { InvestigateOutput } from './investigate';
import type { JsonEnvelope } from './json-output';
import type { ApplyTotals } from './root-credentials-render';

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
export type HuntJson = JsonEnvelope<HuntOutput | HuntStatementOutput>;

/**
 * `hunt --json` with `--print-sql`, `--print-ddl` or `--create-table`: the statements instead of a
 * result (nothing is queried), or the table it created.
 */
export interface HuntStatementOutput {
  /** Which mode ran. */
  readonly mode: 'print-sql' | 'print-ddl' | 'create-table';
  /** `"database"."table"`. */
  readonly table: string;
  /** The SQL printed or run, in order (counts, then examples; or the table's DDL). */
  readonly statements: readonly string[];
  /** Filters SQL cannot express exactly (`--print-sql`), each with why. */
  readonly refused: readonly string[];
  /** `--create-table`: the workgroup it ran in. */
  readonly workgroup?: string;
}

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

/** `root-guard root-credentials --json`: every form of the command (src/cli/root-credentials-render.ts, jsonResult). */
export type RootCredentialsJson = JsonEnvelope<RootCredentialsOutput>;

/**
 * The inventory's fields at the top level (as `root-guard report` reads them; absent for `--apply`,
 * which reads no inventory), then `plan`, `applied` and `refused` when there are any.
 */
export interface RootCredentialsOutput extends Partial<RootCredentialsReport> {
  readonly plan?: RootCredentialsPlanOutput;
  readonly applied?: RootCredentialsAppliedOutput;
  /** Why the run was refused before anything was removed (exit 5). */
  readonly refused?: readonly string[];
  readonly exitCode: number;
}

/** The deletion plan, with the plan file's digest and name when there is one. */
export interface RootCredentialsPlanOutput extends Pick<DeletionPlan, 'kinds' | 'steps' | 'skipped' | 'unsafe'> {
  readonly digest?: string;
  readonly file?: string;
}

/** What `--apply` did: the journal, the totals and every step's outcome. */
export interface RootCredentialsAppliedOutput {
  readonly journal: string;
  readonly interrupted?: string;
  readonly totals: ApplyTotals;
  readonly steps: readonly StepOutcome[];
}
