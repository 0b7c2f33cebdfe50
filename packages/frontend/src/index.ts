// Plugin API
export { defineFrontendPlugin } from './plugin/defineFrontendPlugin';
export { createExtensionRegistry } from './plugin/registry';
export type { ExtensionRegistry, RegistryLogger } from './plugin/registry';
export { ExtensionRenderer } from './plugin/ExtensionRenderer';
export { PluginErrorBoundary } from './plugin/PluginErrorBoundary';
export type * from './plugin/types';

// App
export { createApp } from './app/createApp';
export type { CreateAppOptions } from './app/createApp';
export { useApi, useConfig, useExtensions, useIdentity } from './app/AppContext';
export { useDocumentTitle } from './app/useDocumentTitle';
export { HomeWidgets } from './app/HomeWidgets';
export { iconNames } from './app/icons';

// Entities
export type { EntitySource, UnregisterPlan } from './entity/entitySource';
export { entitySourceLinks } from './entity/entityLinks';
export type { EntitySourceLinks } from './entity/entityLinks';
export { useLiveEntityUpdates, queryKeyMentions } from './entity/useLiveEntityUpdates';
export { createStaticEntitySource } from './entity/entitySource';
export { useEntity } from './entity/EntityContext';
export { hasAnnotation, isKind, selectForEntity } from './entity/entityExtensions';

// API access
export { ApiError, isErrorResponseBody } from './api/ApiError';
export type { ErrorResponseBody } from './api/ApiError';
export { createApiClient } from './api/apiClient';
export type { ApiClient, ApiClientOptions, QueryParams, RequestOptions } from './api/apiClient';
export { IdentityManager, getDefaultIdentityManager } from './api/identity';
export type { Identity } from './api/identity';
export type { FrontendConfig, FrontendConfigData } from './api/config';
export { useApiMutation, useApiQuery } from './api/queries';
export { useStarredEntities } from './api/starredEntities';
export { parseEventStream } from './api/eventStream';

// Testing

// Shared UI
export { Page } from './ui/Page';
export type { PageProps } from './ui/Page';
export { DataTable } from './ui/DataTable';
export type { DataTableProps } from './ui/DataTable';
export { DataTableView } from './ui/DataTableView';
export type { DataTableViewProps } from './ui/DataTableView';
export type { DataTableColumn, SortState } from './ui/dataTableModel';
export { EmptyState } from './ui/EmptyState';
export { ErrorState } from './ui/ErrorState';
export { LoadingState } from './ui/LoadingState';
export { EntityRefLink, entityRoute } from './ui/EntityRefLink';
