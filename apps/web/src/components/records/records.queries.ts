import { attachmentsList, attachmentsUpload, notesCreate, notesList, timelineAccount, timelineContact, type AttachmentDto, type NoteDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../Toast';

/** The record panels' reads and writes (notes, attachments, timeline of any parent record); keys from `queryKeys`. */

type NoteParent = { type: NoteDto['parent_type']; id: string };
type AttachmentParent = { type: AttachmentDto['parent_type']; id: string };

export const useNotes = (parent: NoteParent) =>
  useQuery({
    queryKey: queryKeys.notes.of(parent.type, parent.id),
    queryFn: ({ signal }) => unwrap(notesList({ query: { parent_type: parent.type, parent_id: parent.id, limit: 100 }, signal })),
  });

/** Adds a note; the parent's notes and every timeline refresh. */
export function useAddNote(parent: NoteParent, onAdded: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: { text: string; is_private: boolean }) => unwrap(notesCreate({ body: { parent_type: parent.type, parent_id: parent.id, ...body } })),
    onSuccess: () => {
      onAdded();
      toast.success('Note added');
      void queryClient.invalidateQueries({ queryKey: queryKeys.notes.of(parent.type, parent.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline.all });
    },
  });
}

export const useAttachments = (parent: AttachmentParent) =>
  useQuery({
    queryKey: queryKeys.attachments.of(parent.type, parent.id),
    queryFn: ({ signal }) => unwrap(attachmentsList({ query: { parent_type: parent.type, parent_id: parent.id, limit: 100 }, signal })),
  });

export function useUploadAttachment(parent: AttachmentParent) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (file: File) => unwrap(attachmentsUpload({ body: { file, parent_type: parent.type, parent_id: parent.id } })),
    onSuccess: (a) => {
      toast.success(`${a.file_name} uploaded`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.attachments.of(parent.type, parent.id) });
    },
    onError: (e) => toast.error(`Upload failed: ${errorMessage(e)}`),
  });
}

export const useTimeline = (parent: { type: 'account' | 'contact'; id: string }) =>
  useQuery({
    queryKey: queryKeys.timeline.of(parent.type, parent.id),
    queryFn: ({ signal }) =>
      unwrap(parent.type === 'account' ? timelineAccount({ path: { id: parent.id }, query: { limit: 50 }, signal }) : timelineContact({ path: { id: parent.id }, query: { limit: 50 }, signal })),
  });
