import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../session/require-permission';
import { SegmentDetailPage } from './segment-detail-page';
import { SegmentEditorPage } from './segment-editor-page';
import { SegmentListPage } from './segment-list-page';

/** /segments, /segments/new, /segments/:id (members and changes), /segments/:id/edit. */
export default function SegmentsPage() {
  const editor = (
    <RequirePermission permission="segments.write">
      <SegmentEditorPage />
    </RequirePermission>
  );
  return (
    <Routes>
      <Route index element={<SegmentListPage />} />
      <Route path="new" element={editor} />
      <Route path=":id" element={<SegmentDetailPage />} />
      <Route path=":id/edit" element={editor} />
    </Routes>
  );
}
