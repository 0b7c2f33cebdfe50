import { createGithubCredentialsProvider, type GithubCredentialsProvider, type Logger, type SchedulerService } from '@atrium/backend';
import type { EntityProvider, EntityProviderConnection } from '../../providers/extensionPoint.js';
import type { GithubOrgProviderConfig } from './config.js';
import { GithubClient } from './githubClient.js';
import { orgEntities } from './orgEntities.js';
import { readOrg } from './readOrg.js';

/**
 * One configured org: on its schedule, reads repositories, teams and members, then replaces its
 * whole bucket with one full mutation. A failed read applies nothing, so entities never flicker.
 */
export class GithubOrgEntityProvider implements EntityProvider {
  #connection?: EntityProviderConnection;
  /** Kept across runs, so a GitHub App's installation token is reused until it nears expiry. */
  readonly #credentials: GithubCredentialsProvider;

  constructor(
    private readonly config: GithubOrgProviderConfig,
    private readonly deps: { logger: Logger; scheduler: SchedulerService; fetch?: (input: string, init?: RequestInit) => Promise<Response> },
  ) {
    const fetchImpl = deps.fetch;
    this.#credentials = createGithubCredentialsProvider(config.integration, fetchImpl && ((input, init) => fetchImpl(String(input), init)));
  }

  getProviderName(): string {
    return `github-org:${this.config.id}`;
  }

  /** The scheduler task id (stored as `catalog.<id>`), for triggering a run by hand. */
  get taskId(): string {
    return `github-org-${this.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.deps.scheduler.schedule({
      id: this.taskId,
      scope: 'global',
      frequency: this.config.schedule.frequency,
      timeout: this.config.schedule.timeout,
      ...(this.config.schedule.initialDelay !== undefined && { initialDelay: this.config.schedule.initialDelay }),
      fn: (signal) => this.run(signal),
    });
  }

  async run(signal?: AbortSignal): Promise<void> {
    const connection = this.#connection;
    if (!connection) throw new Error(`${this.getProviderName()} is not connected`);
    const { organization, host, catalogPath } = this.config;
    const client = new GithubClient({
      apiBaseUrl: this.config.apiBaseUrl,
      owner: organization,
      credentials: this.#credentials,
      ...(this.deps.fetch && { fetch: this.deps.fetch }),
      ...(signal && { signal }),
    });
    let entities;
    try {
      const snapshot = await readOrg(client, { organization, catalogPath, ...(this.config.repositoryPattern && { repositoryPattern: this.config.repositoryPattern }) });
      entities = orgEntities(snapshot, { host, organization, catalogPath });
    } catch (error) {
      // One line, no stack: the next scheduled run retries, and the catalog keeps the last good org.
      this.deps.logger.warn(`${this.getProviderName()}: reading GitHub org ${organization} on ${host} failed, catalog unchanged: ${(error as Error).message}`);
      throw error;
    }
    await connection.applyMutation({ type: 'full', entities });
    const count = (kind: string) => entities.filter((e) => e.entity.kind === kind).length;
    this.deps.logger.info(`${this.getProviderName()}: ${count('Location')} repositories, ${count('Group')} teams, ${count('User')} users from ${organization}`);
  }
}
