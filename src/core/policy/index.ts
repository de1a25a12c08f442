/** Remediation policy: the schema, loading with file:line:field errors, and evaluation of one action. */
export { Policy, Tier, TIERS, type Limits, type RateLimit, type Service, type ActionPolicy } from './schema';
export { loadPolicyFile, parsePolicyText, readPolicy, validatePolicy, PolicyLoadError, MAX_POLICY_BYTES, type PolicyError } from './load';
export { evaluatePolicy, policyTimes, serviceOf, measuresOf, subjectsOf, type ActionFacts, type Measures, type Requirements } from './evaluate';
