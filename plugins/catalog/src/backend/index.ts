export * from './ingestion/index.js';
