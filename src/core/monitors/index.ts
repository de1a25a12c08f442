/** Proposed Prometheus alerting rules for the signals an incident's top hypotheses rest on. */
export { proposeMonitors, type ProposeOptions } from './propose';
export { checkRules, testRules, findPromtool, type PromtoolResult } from './promtool';
