/**
 * The runbooks a hypothesis may suggest. A model may only name one of these; anything else is
 * dropped. Callers may pass their own list (`ReviewOptions.runbooks`),
 * e.g. with a team's runbooks added.
 */
export { SHIPPED_RUNBOOK_IDS as RUNBOOK_IDS, type ShippedRunbookId as RunbookId } from '../runbooks/ids';
