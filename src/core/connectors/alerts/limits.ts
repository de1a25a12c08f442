/**
 * Limits of every alert payload parser (webhook bodies and imported files alike). A payload that
 * exceeds one is rejected whole with a message naming the limit; long strings are clamped visibly.
 *
 * - body: at most MAX_BODY_BYTES (a real Alertmanager group of hundreds of alerts is < 1 MB);
 * - nesting: at most MAX_DEPTH levels of arrays/objects, checked on the text before JSON.parse;
 * - alerts per payload: at most MAX_ALERTS;
 * - labels per alert: at most MAX_LABELS (the rest dropped, counted in `sitrep_labels_dropped`);
 * - label values: clamped to MAX_SHORT, names to 256; summary/description to MAX_TEXT.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
export const MAX_DEPTH = 32;
export const MAX_ALERTS = 5_000;
export const MAX_LABELS = 100;
