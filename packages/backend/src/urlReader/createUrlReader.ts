import { NotAllowedError } from '../api/errors.js';
import { coreServices } from '../api/coreServices.js';
import { createServiceFactory } from '../api/serviceRef.js';
import type { Config, Logger, UrlReaderProvider, UrlReaderService } from '../api/services.js';
import { gitProviderFromConfig } from './gitProvider.js';
import { httpFetchProviderFromConfig } from './httpFetchProvider.js';
import { githubProviderFromConfig } from './github/index.js';
import { localFileProviderFromConfig } from './localFileProvider.js';
import { redactUrl, toUrl } from './urlUtils.js';

export interface CreateUrlReaderOptions {
  config: Config;
  logger: Logger;
  /**
   * Extra providers (GitHub or GitLab API readers, say), tried before the defaults, in order.
   * Pass `replaceDefaults: true` to use only these.
   */
  providers?: UrlReaderProvider[];
  replaceDefaults?: boolean;
}

/** The providers built from config, in the order they are tried: local files, GitHub's API, git hosts, plain hosts. */
export function defaultUrlReaderProviders(config: Config, logger: Logger): UrlReaderProvider[] {
  return [localFileProviderFromConfig(config), githubProviderFromConfig(config, logger), gitProviderFromConfig(config, logger), httpFetchProviderFromConfig(config)];
}

/**
 * A UrlReaderService that hands each URL to the first provider whose `canRead` accepts it. A URL no
 * provider accepts is refused with a NotAllowedError naming the config key that would allow it.
 */
export function createUrlReader(options: CreateUrlReaderOptions): UrlReaderService {
  const providers = [
    ...(options.providers ?? []),
    ...(options.replaceDefaults ? [] : defaultUrlReaderProviders(options.config, options.logger)),
  ];
  return createUrlReaderFromProviders(providers, options.logger);
}

export function createUrlReaderFromProviders(providers: UrlReaderProvider[], logger: Logger): UrlReaderService {
  function providerFor(input: string): { provider: UrlReaderProvider; url: URL } {
    const url = toUrl(input);
    const provider = providers.find((candidate) => candidate.canRead(url));
    if (!provider) throw refusal(url);
    return { provider, url };
  }

  // Logged at debug with the redacted URL only; failures are the caller's to report.
  const trace = (operation: string, provider: UrlReaderProvider, url: URL) =>
    logger.debug(`urlReader ${operation}`, { provider: provider.name, url: redactUrl(url) });

  return {
    async readUrl(input, options) {
      const { provider, url } = providerFor(input);
      trace('readUrl', provider, url);
      return provider.readUrl(url, options);
    },
    async readTree(input, options) {
      const { provider, url } = providerFor(input);
      trace('readTree', provider, url);
      return provider.readTree(url, options);
    },
    async search(input, options) {
      const { provider, url } = providerFor(input);
      trace('search', provider, url);
      return provider.search(url, options);
    },
  };
}

function refusal(url: URL): NotAllowedError {
  const shown = redactUrl(url);
  if (url.protocol === 'file:') {
    return new NotAllowedError(`Reading ${shown} is not allowed: add a folder containing it to backend.reading.localRoots`);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return new NotAllowedError(
      `Reading ${shown} is not allowed: add the host ${url.host} under integrations.git or backend.reading.allow`,
    );
  }
  return new NotAllowedError(`Reading ${shown} is not allowed: the ${url.protocol} scheme is not supported`);
}

/**
 * A `core.urlReader` factory, built once per backend (root context) so every plugin shares one git
 * cache and its in-flight fetches. `providers` adds readers (e.g. a GitHub API reader) ahead of the
 * defaults; register the result in place of `urlReaderServiceFactory`.
 */
export function createUrlReaderServiceFactory(options: {
  providers?(deps: { config: Config; logger: Logger }): UrlReaderProvider[];
} = {}) {
  return createServiceFactory({
    service: coreServices.urlReader,
    deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
    createRootContext({ config, logger }) {
      const child = logger.child({ service: 'urlReader' });
      return createUrlReader({ config, logger: child, providers: options.providers?.({ config, logger: child }) ?? [] });
    },
    factory: (_deps, reader: UrlReaderService) => reader,
  });
}

/** The default `core.urlReader` factory: local files, integrations.git and backend.reading.allow from config. */
export const urlReaderServiceFactory = createUrlReaderServiceFactory();
