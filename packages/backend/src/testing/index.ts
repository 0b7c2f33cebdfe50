export { startTestBackend, type TestBackend } from './backend.js';
export { createTestDatabase, createTestLogger, waitFor, TEST_DATABASE_CLIENTS, type TestDatabase, type TestDatabaseClient } from './database.js';
export { startGitServer, type GitServer } from './gitServer.js';
