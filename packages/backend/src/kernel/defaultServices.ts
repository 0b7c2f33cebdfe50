import type { ServiceFactory } from '../api/serviceRef.js';
import { databaseServiceFactory, rootDatabaseServiceFactory } from '../database/index.js';
import { schedulerServiceFactory } from '../scheduler/index.js';
import { eventsServiceFactory } from '../events/index.js';
import { urlReaderServiceFactory } from '../urlReader/index.js';
import { loggerServiceFactory } from '../logging/index.js';
import {
  authServiceFactory, discoveryServiceFactory, httpAuthServiceFactory, httpRouterServiceFactory, lifecycleServiceFactory, tokenIssuerFactory,
} from './coreFactories.js';

/** Every core service's default implementation; `backend.add(factory)` replaces one. */
export const defaultServiceFactories: ServiceFactory[] = [
  rootDatabaseServiceFactory,
  databaseServiceFactory,
  schedulerServiceFactory,
  eventsServiceFactory,
  urlReaderServiceFactory,
  loggerServiceFactory,
  httpRouterServiceFactory,
  lifecycleServiceFactory,
  tokenIssuerFactory,
  authServiceFactory,
  httpAuthServiceFactory,
  discoveryServiceFactory,
];
