/** Runbooks: the schema, loading and validation (file:line:field errors), and trigger matching. */
export { Runbook, Step, STEP_ACTIONS, type StepAction, type Threshold } from './schema';
export { validateRunbook, type Issue, type Validated } from './validate';
export { formatError, loadRunbookDir, loadRunbookFile, parseRunbookText, type LoadedDir, type LoadedRunbook, type RunbookError } from './load';
export { matchRunbooks, type MatchAlert, type MatchHypothesis, type RunbookMatch } from './match';
export { QUERY_KINDS, QUERY_KIND_IDS } from './queries';
export { checkVariable, VARIABLE_ROOTS } from './variables';
export { durationMs } from './duration';
