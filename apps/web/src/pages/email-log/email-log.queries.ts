import { contactsList, emailLogAddress, emailLogAssign, emailLogDiscard, emailLogGet, emailLogList, emailLogRotate, emailLogUnmatched, type LoggedEmailSummaryDto } from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';
import { contactName } from '../../lib/format';
import { usePagedQuery } from '../../lib/paged-query';

/** Email logging's reads and writes (inbound address, review list, one email); keys from `queryKeys.emailLog`. */

export const useInboundAddress = () => useQuery({ queryKey: queryKeys.emailLog.address, queryFn: ({ signal }) => unwrap(emailLogAddress({ signal })) });

/** A new address and webhook secret; the secret is only in the answer (shown once by the caller). */
export function useRotateAddress() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: () => unwrap(emailLogRotate()),
    onSuccess: (rotated) => {
      queryClient.setQueryData(queryKeys.emailLog.address, { address: rotated.address, token: rotated.token, updated_at: rotated.updated_at });
      toast.success('A new inbound address is ready; the old one no longer accepts mail');
    },
    onError: (error) => toast.error(`Could not rotate the address: ${errorMessage(error)}`),
  });
}

/** One logged email with its body (opened from a timeline or the review list). */
export const useLoggedEmail = (id: string | null) =>
  useQuery({ queryKey: queryKeys.emailLog.email(id ?? ''), queryFn: ({ signal }) => unwrap(emailLogGet({ path: { id: id as string }, signal })), enabled: !!id });

/** The logged emails of one record (a deal's page; contacts and accounts show them on their timelines). */
export const useRecordEmails = (parent: { type: 'contact' | 'account' | 'deal'; id: string }) =>
  usePagedQuery(queryKeys.emailLog.of(parent.type, parent.id), (cursor, signal) => unwrap(emailLogList({ query: { [`${parent.type}_id`]: parent.id, cursor, limit: 20 }, signal })));

export const useUnmatchedEmails = () => usePagedQuery(queryKeys.emailLog.unmatched, (cursor, signal) => unwrap(emailLogUnmatched({ query: { cursor, limit: 50 }, signal })));

/** Links an unmatched email to a contact: it leaves the review list and joins the timelines. */
export function useAssignEmail() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ email, contactId }: { email: LoggedEmailSummaryDto; contactId: string }) => unwrap(emailLogAssign({ path: { id: email.id }, body: { contact_id: contactId } })),
    onSuccess: (_, { email }) => {
      toast.success(`“${email.subject || '(no subject)'}” is on the contact's timeline`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.emailLog.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline.all });
    },
  });
}

export function useDiscardEmail() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (email: LoggedEmailSummaryDto) => unwrap(emailLogDiscard({ path: { id: email.id } })),
    onSuccess: (_, email) => {
      toast.success(`Discarded “${email.subject || '(no subject)'}”`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.emailLog.all });
    },
    onError: (error) => toast.error(`Could not discard the email: ${errorMessage(error)}`),
  });
}

/** Contacts whose name (or whole email address) matches `q`: the api's search, first 20, for the assign picker. */
export const searchContacts = async (q: string, signal: AbortSignal) =>
  (await unwrap(contactsList({ query: { q: q || undefined, limit: 20 }, signal }))).data.map((c) => ({ id: c.id, label: c.email ? `${contactName(c)} <${c.email}>` : contactName(c) }));
