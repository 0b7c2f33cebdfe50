import { Button, Paper, Portal } from '@mantine/core';
import { IconMessageReport } from '@tabler/icons-react';
import { useEffect, useState, type RefObject } from 'react';
import { newIssueUrl, type IssueTracker } from './issueLink';

/**
 * Select text in the article and a button appears next to it, opening a new issue in the docs'
 * repository that quotes the selection and links the page.
 */
export function ReportIssue({ container, tracker, pageTitle, siteName }: { container: RefObject<HTMLElement | null>; tracker: IssueTracker; pageTitle: string; siteName: string }) {
  const [sel, setSel] = useState<{ text: string; top: number; left: number }>();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const s = document.getSelection();
        const root = container.current;
        if (!s || s.isCollapsed || !root || !s.anchorNode || !root.contains(s.anchorNode)) { setSel(undefined); return; }
        const text = s.toString().trim();
        if (!text) { setSel(undefined); return; }
        const rect = s.getRangeAt(0).getBoundingClientRect();
        setSel({ text, top: rect.bottom + window.scrollY + 6, left: Math.max(8, Math.min(rect.left + window.scrollX, window.innerWidth - 200)) });
      }, 150);
    };
    document.addEventListener('selectionchange', update);
    return () => { clearTimeout(timer); document.removeEventListener('selectionchange', update); };
  }, [container]);

  if (!sel) return null;
  const href = newIssueUrl(tracker, { selection: sel.text, pageTitle, siteName, pageUrl: window.location.href });
  return (
    <Portal>
      <Paper shadow="md" radius="md" withBorder p={4} style={{ position: 'absolute', top: sel.top, left: sel.left, zIndex: 300 }} className="techdocs-report-issue">
        <Button component="a" href={href} target="_blank" rel="noopener noreferrer" size="xs" variant="light" leftSection={<IconMessageReport size={14} />}>
          Report an issue
        </Button>
      </Paper>
    </Portal>
  );
}
