import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useToast } from '../components/Toast';

interface Versioned {
  id: string;
  version: number;
}

/**
 * The save of a record form: creates, or (given `record`) updates it with the version the form
 * showed (If-Match, so a concurrent change is refused, not overwritten); then a toast, the
 * section's queries refreshed, and `onDone` with the saved record.
 */
export function useSaveRecord<T, B>({
  record,
  create,
  update,
  sectionKey,
  savedText,
  onDone,
}: {
  record?: Versioned;
  create: (body: B) => Promise<T>;
  update: (id: string, body: B, ifMatch: string) => Promise<T>;
  sectionKey: QueryKey;
  savedText: (saved: T, created: boolean) => string;
  onDone: (saved: T) => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: B) => (record ? update(record.id, body, `"${record.version}"`) : create(body)),
    onSuccess: (saved) => {
      toast.success(savedText(saved, !record));
      void queryClient.invalidateQueries({ queryKey: sectionKey });
      onDone(saved);
    },
  });
}
