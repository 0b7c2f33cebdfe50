import { LoadingState } from '@atrium/frontend';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import ActionsPage from './ActionsPage';
import TaskPage from './TaskPage';
import TasksPage from './TasksPage';
import TemplateListPage from './TemplateListPage';

// The form (RJSF, ~200 KB gzipped) and the editor (CodeMirror) load only when opened.
const TemplateFormPage = lazy(() => import('./TemplateFormPage'));
const TemplateEditorPage = lazy(() => import('./editor/TemplateEditorPage'));

/** Everything under `/create`, on Backstage's paths. */
export default function ScaffolderPage() {
  return (
    <Suspense fallback={<LoadingState lines={8} label="Loading" />}>
      <Routes>
        <Route index element={<TemplateListPage />} />
        <Route path="templates/:namespace/:templateName" element={<TemplateFormPage />} />
        <Route path="tasks" element={<TasksPage />} />
        <Route path="tasks/:taskId" element={<TaskPage />} />
        <Route path="actions" element={<ActionsPage />} />
        <Route path="edit" element={<TemplateEditorPage />} />
        <Route path="*" element={<TemplateListPage />} />
      </Routes>
    </Suspense>
  );
}
