import { useContext, useEffect } from 'react';
import { AppContext } from './AppContext';

/** Sets `document.title` to "<title> · <app title>" while the calling component is shown. */
export function useDocumentTitle(title: string | undefined): void {
  const appTitle = useContext(AppContext)?.title ?? 'Atrium';
  useEffect(() => {
    if (title === undefined) return;
    document.title = title && title !== appTitle ? `${title} · ${appTitle}` : appTitle;
  }, [title, appTitle]);
}
