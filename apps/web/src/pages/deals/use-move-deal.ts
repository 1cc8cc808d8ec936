import { dealsPatch, type DealDto, type DealPageDto } from '@clockwork/api-client';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { stageLabels, type DealStage } from '../../components/badges';
import { useToast } from '../../components/Toast';

interface Move {
  deal: DealDto;
  stage: DealStage;
}

/**
 * Moves a deal to another stage: the board shows the move at once, the API is asked with the
 * version the board showed (If-Match), and a refusal puts the card back with a message.
 */
export function useMoveDeal(boardKey: QueryKey) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const replace = (id: string, update: (deal: DealDto) => DealDto) =>
    queryClient.setQueryData<DealPageDto>(boardKey, (page) => page && { ...page, data: page.data.map((d) => (d.id === id ? update(d) : d)) });

  return useMutation({
    mutationFn: ({ deal, stage }: Move) => unwrap(dealsPatch({ path: { id: deal.id }, body: { stage }, headers: { 'If-Match': `"${deal.version}"` } })),
    onMutate: async ({ deal, stage }) => {
      await queryClient.cancelQueries({ queryKey: boardKey });
      const previous = queryClient.getQueryData<DealPageDto>(boardKey);
      replace(deal.id, (d) => ({ ...d, stage }));
      return { previous };
    },
    onError: (error, { deal, stage }, context) => {
      if (context?.previous) queryClient.setQueryData(boardKey, context.previous);
      toast.error(`Could not move "${deal.name}" to ${stageLabels[stage]}: ${errorMessage(error)}`);
    },
    onSuccess: (saved) => {
      replace(saved.id, () => saved);
      toast.success(`"${saved.name}" moved to ${stageLabels[saved.stage]}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['deals'], refetchType: 'inactive' }),
  });
}
