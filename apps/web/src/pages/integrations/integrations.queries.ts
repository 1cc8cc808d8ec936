import {
  integrationsCreate,
  integrationsList,
  integrationsPatch,
  integrationsRotateSecret,
  subscriptionsCreate,
  subscriptionsList,
  subscriptionsListDeliveries,
  subscriptionsRedeliver,
  subscriptionsUpdate,
  type IntegrationDto,
  type IntegrationWithSecretDto,
  type WebhookDeliveryDto,
  type WebhookSubscriptionDto,
} from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';

/** The integrations section's reads and writes (productivity connections, outbound webhooks); keys from `queryKeys`. */

export const useIntegrations = () => useQuery({ queryKey: queryKeys.integrations.all, queryFn: ({ signal }) => unwrap(integrationsList({ query: { limit: 100 }, signal })) });

/** Create, rotate the secret of (both reveal the new secret once) and switch on or off a connection. */
export function useIntegrationMutations(reveal: (integration: IntegrationWithSecretDto, verb: string) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.integrations.all });
  const create = useMutation({
    mutationFn: (body: { name: string; base_url: string | null }) => unwrap(integrationsCreate({ body: { provider: 'productivity', ...body } })),
    onSuccess: (i) => (reveal(i, 'created'), void refresh()),
  });
  const rotate = useMutation({
    mutationFn: (i: IntegrationDto) => unwrap(integrationsRotateSecret({ path: { id: i.id }, body: {} })),
    onSuccess: (i) => (reveal(i, 'rotated'), void refresh()),
    onError: (error) => toast.error(`Could not rotate the secret: ${errorMessage(error)}`),
  });
  const toggle = useMutation({
    mutationFn: (i: IntegrationDto) => unwrap(integrationsPatch({ path: { id: i.id }, body: { enabled: !i.enabled }, headers: { 'If-Match': String(i.version) } })),
    onSuccess: (i) => toast.success(`“${i.name}” ${i.enabled ? 'enabled' : 'disabled'}`),
    onError: (error) => toast.error(`Could not change the connection: ${errorMessage(error)}`),
    onSettled: refresh,
  });
  return { create, rotate, toggle };
}

export const useWebhookSubscriptions = () =>
  useQuery({ queryKey: queryKeys.webhookSubscriptions.all, queryFn: ({ signal }) => unwrap(subscriptionsList({ query: { limit: 100 }, signal })) });

/** Creates a subscription; `onCreated` gets its secret (shown once) and the list refreshes. */
export function useCreateWebhookSubscription(onCreated: (secret: string) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; events: string[]; description: string | null }) => unwrap(subscriptionsCreate({ body })),
    onSuccess: (s) => {
      onCreated(s.secret);
      void queryClient.invalidateQueries({ queryKey: queryKeys.webhookSubscriptions.all });
    },
  });
}

export function useToggleWebhookSubscription() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (s: WebhookSubscriptionDto) => unwrap(subscriptionsUpdate({ path: { id: s.id }, body: { enabled: !s.enabled } })),
    onError: (error) => toast.error(`Could not change the subscription: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhookSubscriptions.all }),
  });
}

export const useWebhookDeliveries = (subscriptionId: string) =>
  useQuery({
    queryKey: queryKeys.webhookSubscriptions.deliveries(subscriptionId),
    queryFn: ({ signal }) => unwrap(subscriptionsListDeliveries({ path: { id: subscriptionId }, query: { limit: 50 }, signal })),
  });

export function useRedeliver(subscriptionId: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (d: WebhookDeliveryDto) => unwrap(subscriptionsRedeliver({ path: { id: subscriptionId, delivery_id: d.id } })),
    onSuccess: (_, d) => toast.success(`${d.event_type} queued for redelivery`),
    onError: (error) => toast.error(`Could not redeliver: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhookSubscriptions.deliveries(subscriptionId) }),
  });
}
