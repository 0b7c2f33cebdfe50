import { createSpotlight } from '@mantine/spotlight';

/** The command palette's own store, so no other spotlight on the page can open or close it. */
export const [paletteStore, paletteActions] = createSpotlight();

/**
 * Selects the first action, as Spotlight's own arrow keys do (its helper is not exported): marks the
 * row `data-selected` and records the index, so Enter opens the best match without an arrow press.
 */
export function selectFirstAction(): void {
  const { listId } = paletteStore.getState();
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list.querySelector('[data-action]');
  if (!first) return paletteStore.updateState((s) => ({ ...s, selected: -1 }));
  first.setAttribute('data-selected', 'true');
  paletteStore.updateState((s) => ({ ...s, selected: 0 }));
}
