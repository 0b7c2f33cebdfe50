export { createRootLogger, type LogFormat, type LogLevel, type RootLogger, type RootLoggerOptions } from './createRootLogger.js';
export {
  createRootLoggerServiceFactory,
  defaultLogFormat,
  loggerServiceFactory,
  rootLoggerServiceFactory,
  type RootLoggerFactoryOptions,
} from './loggerServiceFactories.js';
export { createRedactor, REDACTED, type Redactor } from './redactor.js';
export { serializeError, type SerializedError } from './serializeMeta.js';
