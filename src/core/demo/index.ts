export { generateDemo, writeDemo, MIN_EVENTS, MAX_EVENTS, type DemoOptions } from './generate';
export { DEFAULT_ANCHOR, DEFAULT_EVENTS, DEFAULT_SEED } from './scenario';
