import type { MarkdownIt } from 'markdown-it';
import attrsPlugin from 'markdown-it-attrs';
import footnotePlugin from 'markdown-it-footnote';
// Most markdown-it plugins ship no type declarations; their shape is `(md, options?) => void`.
// @ts-expect-error untyped package
import abbrPlugin from 'markdown-it-abbr';
// @ts-expect-error untyped package
import deflistPlugin from 'markdown-it-deflist';
// @ts-expect-error untyped package
import { full as emojiPlugin } from 'markdown-it-emoji';
// @ts-expect-error untyped package
import taskListsPlugin from 'markdown-it-task-lists';

type Plugin<O = never> = (md: MarkdownIt, options?: O) => void;
// These two have declarations, written against markdown-it's CommonJS types: the same functions.
export const attrs = attrsPlugin as unknown as Plugin<{ allowedAttributes?: string[] }>;
export const footnote = footnotePlugin as unknown as Plugin;
export const abbr = abbrPlugin as Plugin;
export const deflist = deflistPlugin as Plugin;
export const taskLists = taskListsPlugin as Plugin<{ enabled?: boolean; label?: boolean; labelAfter?: boolean }>;
export const emoji = emojiPlugin as Plugin<{ shortcuts?: Record<string, string[]> }>;
