import { ExtensionRenderer } from '../plugin/ExtensionRenderer';
import type { PageContribution, Registered } from '../plugin/types';
import { LoadingState } from '../ui/LoadingState';
import { useDocumentTitle } from './useDocumentTitle';

/** Renders a plugin's page, titled, loaded lazily inside the plugin's error boundary. */
export function PluginPage({ page }: { page: Registered<PageContribution> }) {
  useDocumentTitle(page.title);
  return <ExtensionRenderer extension={page} what={`the "${page.title}" page`} props={{}} fallback={<LoadingState lines={6} label={`Loading ${page.title}`} />} />;
}
