import { useCallback, type KeyboardEvent } from 'react';

/**
 * Arrow keys move between the results' main links (marked `data-search-link`, whoever renders the
 * result); Enter follows the focused link as usual; Home/End jump to the ends.
 */
export function useListKeyboard(container: React.RefObject<HTMLElement | null>) {
  return useCallback((event: KeyboardEvent) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const root = container.current;
    if (!root) return;
    const links = [...root.querySelectorAll<HTMLElement>('[data-search-item]')]
      .map((item) => item.querySelector<HTMLElement>('[data-search-link]') ?? item.querySelector<HTMLElement>('a[href]'))
      .filter((l): l is HTMLElement => l !== null);
    if (!links.length) return;
    const current = links.findIndex((l) => l === document.activeElement || l.contains(document.activeElement));
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? links.length - 1
      : event.key === 'ArrowDown' ? Math.min(current + 1, links.length - 1) : Math.max(current - 1, 0);
    event.preventDefault();
    links[next]?.focus();
  }, [container]);
}
