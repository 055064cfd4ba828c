export * from './api.js';
export * from './doc.js';
export * from './schema.js';
export * from './sanitize.js';
export * from './text.js';
export * from './wire.js';
export * from './workflow.js';
export * from './slug.js';
