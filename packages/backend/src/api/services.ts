import type { Kysely } from 'kysely';
import type { FastifyInstance, FastifyRequest, RawServerDefault, FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

// ---------------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------------
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Read access to the merged, validated app config. Getters throw a ConfigError naming the key path. */
export interface Config {
  has(path: string): boolean;
  get(path?: string): JsonValue;
  getOptional(path: string): JsonValue | undefined;
  getConfig(path: string): Config;
  getOptionalConfig(path: string): Config | undefined;
  getConfigArray(path: string): Config[];
  getOptionalConfigArray(path: string): Config[] | undefined;
  getString(path: string): string;
  getOptionalString(path: string): string | undefined;
  getNumber(path: string): number;
  getOptionalNumber(path: string): number | undefined;
  getBoolean(path: string): boolean;
  getOptionalBoolean(path: string): boolean | undefined;
  getStringArray(path: string): string[];
  getOptionalStringArray(path: string): string[] | undefined;
  keys(): string[];
}

// ---------------------------------------------------------------------------------------------
// Logging
// ---------------------------------------------------------------------------------------------
export type LogMeta = Record<string, unknown> | Error;
export interface Logger {
  error(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  debug(message: string, meta?: LogMeta): void;
  child(fields: Record<string, unknown>): Logger;
}

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------
export interface LifecycleService {
  /** Runs after every plugin has initialised, before the backend reports ready. */
  addStartupHook(hook: () => void | Promise<void>): void;
  /** Runs on shutdown, after the HTTP server stopped accepting and in-flight requests finished. */
  addShutdownHook(hook: () => void | Promise<void>): void;
}

// ---------------------------------------------------------------------------------------------
// Database: a Kysely instance on the plugin's own PostgreSQL schema
// ---------------------------------------------------------------------------------------------
export interface Migration {
  up(db: Kysely<any>): Promise<void>;
  down?(db: Kysely<any>): Promise<void>;
}

export interface DatabaseService {
  /** The plugin's schema, e.g. `example`. Raw SQL should name tables through it (sql.table / sql.id). */
  readonly schema: string;
  /** `pglite` (embedded) or `pg` (a PostgreSQL server). The SQL is the same; the flag is for diagnostics. */
  readonly client: 'pglite' | 'pg';
  /** Runs this plugin's migrations (sorted by name) inside its schema, then returns the client. */
  migrate(migrations: Record<string, Migration>): Promise<void>;
  /** A Kysely instance whose queries default to the plugin's schema. */
  getClient<DB = any>(): Kysely<DB>;
}

/** Root view of the database for the framework itself (readiness, shutdown, LISTEN/NOTIFY). */
export interface RootDatabaseService {
  readonly client: 'pglite' | 'pg';
  forPlugin(pluginId: string): DatabaseService;
  /** Kysely on the `public` schema; framework use only. */
  getRootClient(): Kysely<any>;
  /** `select 1` with a short timeout. */
  ping(): Promise<void>;
  /** Subscribe to a PostgreSQL NOTIFY channel. Returns an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Scheduler
// ---------------------------------------------------------------------------------------------
/** A duration: milliseconds, or an object such as `{ minutes: 5 }` (also accepted from config). */
export type HumanDuration =
  | number
  | { milliseconds?: number; seconds?: number; minutes?: number; hours?: number; days?: number };

export interface TaskDefinition {
  /** Unique per plugin; stored as `<pluginId>.<id>`. */
  id: string;
  frequency: HumanDuration | { manual: true };
  timeout: HumanDuration;
  initialDelay?: HumanDuration;
  /** `global` (default): one instance at a time across instances sharing the database; `local`: every instance. */
  scope?: 'global' | 'local';
  fn(signal: AbortSignal): Promise<void>;
}

export interface TaskDescriptor {
  id: string;
  scope: 'global' | 'local';
  frequencyMs: number | null;
  nextRunAt: string | null;
  lastRunEndedAt: string | null;
  lastRunError: string | null;
  running: boolean;
}

export interface SchedulerService {
  schedule(task: TaskDefinition): Promise<void>;
  /** Runs the task as soon as possible; a ConflictError if it is running now. */
  trigger(id: string): Promise<void>;
  list(): Promise<TaskDescriptor[]>;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------
export interface EventMessage<T = JsonValue> {
  topic: string;
  payload: T;
  /** Id of the instance that published it. */
  origin: string;
}

export interface EventsService {
  /** Delivers to subscribers on this instance and, through LISTEN/NOTIFY, on every other instance. */
  publish(topic: string, payload: JsonValue): Promise<void>;
  /** Returns an unsubscribe function. A failing handler is logged and does not affect others. */
  subscribe(topics: string | string[], handler: (event: EventMessage) => void | Promise<void>): () => void;
}

// ---------------------------------------------------------------------------------------------
// URL reader
// ---------------------------------------------------------------------------------------------
export interface ReadUrlOptions {
  /** When the content's etag still equals this, a NotModifiedError is thrown instead of reading. */
  etag?: string;
  signal?: AbortSignal;
}
export interface ReadUrlResponse {
  buffer(): Promise<Buffer>;
  text(): Promise<string>;
  /** For git sources: the commit sha. For files: a content hash. */
  etag: string;
  lastModifiedAt?: Date;
}
export interface ReadTreeFile {
  /** Path relative to the tree root, with forward slashes. */
  path: string;
  content(): Promise<Buffer>;
}
export interface ReadTreeOptions extends ReadUrlOptions {
  /** Keep only files for which this returns true (path relative to the tree root). */
  filter?(path: string): boolean;
}
export interface ReadTreeResponse {
  etag: string;
  files(): Promise<ReadTreeFile[]>;
  /** Copies the tree into a new folder (or `targetDir`) and returns its path; the caller removes it. */
  dir(options?: { targetDir?: string }): Promise<string>;
}
export interface SearchResponse {
  etag: string;
  files: Array<{ url: string; content(): Promise<Buffer> }>;
}
export interface UrlReaderService {
  readUrl(url: string, options?: ReadUrlOptions): Promise<ReadUrlResponse>;
  readTree(url: string, options?: ReadTreeOptions): Promise<ReadTreeResponse>;
  /** Lists files matching a glob in the URL's path (e.g. `.../blob/main/services/*\/catalog-info.yaml`). */
  search(globUrl: string, options?: ReadUrlOptions): Promise<SearchResponse>;
}

/** One kind of source (local files, a git server, GitHub's API...). Readers are tried in order. */
export interface UrlReaderProvider {
  readonly name: string;
  /** True when this reader is configured for the URL's host (or path, for local files). */
  canRead(url: URL): boolean;
  readUrl(url: URL, options?: ReadUrlOptions): Promise<ReadUrlResponse>;
  readTree(url: URL, options?: ReadTreeOptions): Promise<ReadTreeResponse>;
  search(url: URL, options?: ReadUrlOptions): Promise<SearchResponse>;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------
export type AtriumFastify = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface HttpRouterService {
  /** Adds routes under `/api/<pluginId>` in the plugin's own Fastify context (hooks do not leak). */
  register(routes: (app: AtriumFastify) => void | Promise<void>): void;
  /** Lets requests to a path prefix (relative to the plugin base) through without credentials. */
  addAuthPolicy(policy: { path: string; allow: 'unauthenticated' }): void;
}

// ---------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------
export type Principal =
  | { type: 'user'; userEntityRef: string; ownershipEntityRefs: string[] }
  | { type: 'service'; subject: string }
  | { type: 'none' };

export interface Credentials<P extends Principal = Principal> {
  principal: P;
}

export interface AuthService {
  /** Verifies a token issued by this backend; throws AuthenticationError otherwise. */
  authenticate(token: string): Promise<Credentials>;
  /** A signed token for a user (the guest sign-in uses this; real providers will too). */
  issueUserToken(user: { userEntityRef: string; ownershipEntityRefs?: string[] }): Promise<{ token: string; expiresAt: string }>;
  /** A token for calls from this plugin to another. */
  getOwnServiceCredentials(): Promise<{ token: string }>;
}

export interface HttpAuthService {
  /** Who is calling. With `allow`, a principal of another type gets AuthenticationError/NotAllowedError. */
  credentials<T extends Principal['type']>(
    request: FastifyRequest,
    options?: { allow?: T[] },
  ): Promise<Credentials<Extract<Principal, { type: T }>>>;
}

// ---------------------------------------------------------------------------------------------
// Discovery, metadata, health
// ---------------------------------------------------------------------------------------------
export interface DiscoveryService {
  /** Base URL for calls between instances/plugins, e.g. `http://localhost:7007/api/catalog`. */
  getBaseUrl(pluginId: string): Promise<string>;
  /** Base URL that users' browsers and external tools use. */
  getExternalBaseUrl(pluginId: string): Promise<string>;
}

export interface PluginMetadataService {
  getId(): string;
}

export interface RootHealthService {
  /** Everything started and the database answers. */
  readiness(): Promise<{ status: 'ok' | 'starting' | 'error'; message?: string }>;
}
