import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

/** The portal's Mantine theme: one place for colours, radius and focus rings. */
export const atriumTheme = createTheme({
  primaryColor: 'indigo',
  // Set here rather than on components: Mantine 9's ThemeIcon leaks a `gradient` prop into the DOM.
  defaultGradient: { from: 'indigo', to: 'cyan', deg: 135 },
  defaultRadius: 'md',
  // Focus rings only for keyboard users, but always visible for them.
  focusRing: 'auto',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
});

/** Persists the chosen colour scheme; "auto" (the default) follows the system. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'atrium-color-scheme' });
