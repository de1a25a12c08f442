/** Writes one mapped request into the store in one transaction (all of it, or nothing). */
export { writeBatch } from '../store/async-writer';
