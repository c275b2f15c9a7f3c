import jsonata from 'jsonata';

/**
 * A small interpreter of the Amazon States Language for state machines in the JSONata query language
 * (https://states-language.net/ and https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html):
 * every `{% … %}` is evaluated with jsonata, the language's reference implementation, with
 * `$states.input`, `$states.result`, `$states.errorOutput`, `$states.context` and the workflow
 * variables bound as Step Functions binds them, plus Step Functions' own `$parse`. It runs Pass,
 * Task, Choice, Map (inline), Succeed and Fail states; Assign and Output are evaluated with the
 * variables as they were before the state, then Assign is applied, as Step Functions documents
 * (https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html). Anything else (a
 * JSONPath field, another state type) is an error, so the definition cannot use what is not tested.
 * Tasks call `call(resource, arguments, credentials)`; a thrown {@link TaskError} is the task's error.
 */

/** An error as Step Functions reports it: `Error` name and `Cause`. */
export class TaskError extends Error {
  constructor(public readonly error: string, public readonly cause: string) {
    super(`${error}: ${cause}`);
  }
}

export interface TaskCall {
  readonly resource: string;
  readonly args: unknown;
  readonly credentials?: { RoleArn?: string };
}

export interface RunOptions {
  readonly input?: unknown;
  readonly context: { readonly Execution: { readonly Name: string; readonly StartTime: string; readonly [key: string]: unknown } };
  readonly call: (call: TaskCall) => Promise<unknown>;
}

export interface RunResult {
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** States entered, Map iterations' states included: what Step Functions bills as state transitions. */
  readonly transitions: number;
  readonly calls: readonly TaskCall[];
  /** Variables at the end of the top-level run. */
  readonly variables: Readonly<Record<string, unknown>>;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Vars = Record<string, Json>;

const JSONATA_ONLY_FIELDS = new Set(['Type', 'Comment', 'Next', 'End', 'Arguments', 'Output', 'Assign', 'Resource', 'Credentials', 'Retry', 'Catch',
  'Choices', 'Default', 'Items', 'ItemProcessor', 'MaxConcurrency', 'Error', 'Cause', 'QueryLanguage', 'TimeoutSeconds']);

class Failure extends Error {
  constructor(public readonly error: string, public readonly cause: string) {
    super(`${error}: ${cause}`);
  }
}

const compiled = new Map<string, ReturnType<typeof jsonata>>();

async function evaluateExpression(text: string, states: Json, vars: Vars): Promise<Json> {
  let expression = compiled.get(text);
  if (!expression) {
    expression = jsonata(text);
    // Step Functions adds $parse (and $partition, $range, $hash, $random, $uuid; not used here).
    expression.registerFunction('parse', (s: string) => JSON.parse(s), '<s:x>');
    compiled.set(text, expression);
  }
  const value = await expression.evaluate({}, { ...vars, states });
  if (value === undefined) throw new Failure('States.QueryEvaluationError', `the expression returned no value: ${text.slice(0, 200)}`);
  // jsonata marks sequences with extra properties: keep plain JSON, as Step Functions does.
  return JSON.parse(JSON.stringify(value));
}

/** Evaluates a field: `{% … %}` strings with jsonata, objects and arrays member by member, anything else as it is. */
export async function evaluateTemplate(template: Json, states: Json, vars: Vars): Promise<Json> {
  if (typeof template === 'string') {
    const m = /^\{%([\s\S]*)%\}$/.exec(template);
    return m ? evaluateExpression(m[1], states, vars) : template;
  }
  if (Array.isArray(template)) return Promise.all(template.map((t) => evaluateTemplate(t, states, vars)));
  if (template && typeof template === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(template)) out[k] = await evaluateTemplate(v, states, vars);
    return out;
  }
  return template;
}

interface Machine {
  readonly StartAt: string;
  readonly States: Record<string, Json>;
  readonly QueryLanguage?: string;
}

interface Counter {
  transitions: number;
  calls: TaskCall[];
}

function matches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.includes('States.ALL') || errorEquals.includes(error) || (errorEquals.includes('States.TaskFailed') && !error.startsWith('States.'));
}

async function runMachine(machine: Machine, input: Json, vars: Vars, options: RunOptions, counter: Counter): Promise<Json> {
  let name = machine.StartAt;
  let current = input;
  for (;;) {
    const state = machine.States[name];
    if (!state) throw new Error(`no state named ${name}`);
    counter.transitions += 1;
    for (const field of Object.keys(state)) if (!JSONATA_ONLY_FIELDS.has(field)) throw new Error(`state ${name}: field ${field} is not supported in a JSONata state`);
    const base = { input: current, context: options.context };
    const finish = async (states: Json, result: Json, next: string | undefined, end: boolean, spec: Json = state) => {
      const output = spec.Output !== undefined ? await evaluateTemplate(spec.Output, states, vars) : result;
      const assign = spec.Assign !== undefined ? await evaluateTemplate(spec.Assign, states, vars) : {};
      Object.assign(vars, assign);
      return { output, next, end };
    };
    let step: { output: Json; next?: string; end: boolean };
    switch (state.Type) {
      case 'Pass':
        step = await finish(base, current, state.Next, !!state.End);
        break;
      case 'Succeed':
        return state.Output !== undefined ? evaluateTemplate(state.Output, base, vars) : current;
      case 'Fail':
        throw new Failure(await evaluateTemplate(state.Error, base, vars), await evaluateTemplate(state.Cause, base, vars));
      case 'Choice': {
        let chosen: Json;
        for (const rule of state.Choices) {
          if ((await evaluateTemplate(rule.Condition, base, vars)) === true) { chosen = rule; break; }
        }
        if (!chosen && !state.Default) throw new Failure('States.NoChoiceMatched', name);
        step = chosen ? await finish(base, current, chosen.Next, false, chosen) : { output: current, next: state.Default, end: false };
        break;
      }
      case 'Task':
      case 'Map': {
        let result: Json;
        try {
          result = state.Type === 'Task' ? await runTask(state, base, vars, options, counter) : await runMap(state, base, vars, options, counter);
        } catch (err) {
          if (!(err instanceof Failure)) throw err;
          const catcher = (state.Catch ?? []).find((c: Json) => matches(c.ErrorEquals, err.error));
          if (!catcher) throw err;
          const errorOutput = { Error: err.error, Cause: err.cause };
          step = await finish({ ...base, errorOutput }, errorOutput, catcher.Next, false, catcher);
          break;
        }
        step = await finish({ ...base, result }, result, state.Next, !!state.End);
        break;
      }
      default:
        throw new Error(`state ${name}: type ${state.Type} is not supported`);
    }
    if (step.end) return step.output;
    if (!step.next) throw new Error(`state ${name} has neither Next nor End`);
    name = step.next;
    current = step.output;
  }
}

async function runTask(state: Json, base: Json, vars: Vars, options: RunOptions, counter: Counter): Promise<Json> {
  const args = state.Arguments !== undefined ? await evaluateTemplate(state.Arguments, base, vars) : base.input;
  const credentials = state.Credentials !== undefined ? await evaluateTemplate(state.Credentials, base, vars) : undefined;
  const attempts = 1 + Math.max(0, ...(state.Retry ?? []).map((r: Json) => r.MaxAttempts ?? 3));
  let last: Failure | undefined;
  for (let i = 0; i < attempts; i++) {
    const call = { resource: state.Resource, args, ...(credentials ? { credentials } : {}) };
    counter.calls.push(call);
    try {
      return await options.call(call);
    } catch (err) {
      if (!(err instanceof TaskError)) throw err;
      last = new Failure(err.error, err.cause);
      if (!(state.Retry ?? []).some((r: Json) => matches(r.ErrorEquals, err.error))) break;
    }
  }
  throw last!;
}

async function runMap(state: Json, base: Json, vars: Vars, options: RunOptions, counter: Counter): Promise<Json[]> {
  const items = state.Items !== undefined ? await evaluateTemplate(state.Items, base, vars) : base.input;
  if (!Array.isArray(items)) throw new Failure('States.QueryEvaluationError', 'Map Items is not an array');
  const results: Json[] = [];
  // One after the other: the order of calls is then deterministic (Step Functions runs up to MaxConcurrency at once).
  for (const item of items) results.push(await runMachine(state.ItemProcessor, item, { ...vars }, options, counter));
  return results;
}

/** Runs `definition` once. */
export async function runStateMachine(definition: Machine, options: RunOptions): Promise<RunResult> {
  if (definition.QueryLanguage !== 'JSONata') throw new Error('only JSONata state machines are supported');
  const counter: Counter = { transitions: 0, calls: [] };
  const vars: Vars = {};
  try {
    const output = await runMachine(definition, options.input ?? {}, vars, options, counter);
    return { status: 'SUCCEEDED', output, transitions: counter.transitions, calls: counter.calls, variables: vars };
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    return { status: 'FAILED', error: err.error, cause: err.cause, transitions: counter.transitions, calls: counter.calls, variables: vars };
  }
}
