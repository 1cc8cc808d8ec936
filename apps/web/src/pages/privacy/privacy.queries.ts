import { contactsList, gdprErase, gdprExport, type ContactDto, type GdprEraseDto } from '@clockwork/api-client';
import { useMutation } from '@tanstack/react-query';
import { unwrap } from '../../api/errors';
import { contactName } from '../../lib/format';
import { saveBlob } from '../../lib/download';

/** The privacy section's calls: GDPR export (a zip download) and erasure. Retention lives in settings.queries. */

export type GdprSubject = 'contact' | 'employee';

/** A contact as the subject picker shows it: name and, when it has one, email. */
export interface ContactChoice {
  id: string;
  label: string;
  email: string | null;
}

const choiceOf = (c: ContactDto): ContactChoice => ({ id: c.id, label: c.email ? `${contactName(c)} <${c.email}>` : contactName(c), email: c.email ?? null });

/** Contacts whose name (or whole email address) matches `q`: the api's search, first 20. */
export const searchContactChoices = async (q: string, signal: AbortSignal): Promise<ContactChoice[]> =>
  (await unwrap(contactsList({ query: { q: q || undefined, limit: 20 }, signal }))).data.map(choiceOf);

/** Downloads the subject's data as the zip the api streams (through the client, with the bearer token). */
export function useGdprExport() {
  return useMutation({
    mutationFn: async ({ subject, id }: { subject: GdprSubject; id: string }) => {
      const blob = (await unwrap(gdprExport({ body: { subject, id }, parseAs: 'blob' }) as Promise<{ data?: unknown; error?: unknown; response?: Response }>)) as Blob;
      saveBlob(blob, `gdpr-${subject}-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.zip`);
      return { subject, id };
    },
  });
}

export const useGdprErase = () => useMutation({ mutationFn: (body: GdprEraseDto) => unwrap(gdprErase({ body })) });
