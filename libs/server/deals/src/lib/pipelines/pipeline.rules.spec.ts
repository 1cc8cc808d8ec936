import { assertAllKinds, keysOf, mappedStage, stageOf, type StageLike } from './pipeline.rules';

const stages = (pipeline: string): StageLike[] =>
  pipeline
    .split(' ')
    .map((s, position) => {
      const [key, kind] = s.split(':');
      return { key, kind: (kind ?? 'open') as StageLike['kind'], position };
    });

describe('pipeline rules', () => {
  const sales = stages('prospecting qualification proposal negotiation won:won lost:lost');
  const short = stages('intro pitch signed:won dropped:lost');

  it('maps a deal moved without a stage by kind, and open stages by rank (the last open stage when there are fewer)', () => {
    expect(mappedStage(sales[0], sales, short).key).toBe('intro');
    expect(mappedStage(sales[1], sales, short).key).toBe('pitch');
    expect(mappedStage(sales[3], sales, short).key).toBe('pitch');
    expect(mappedStage(sales[4], sales, short).key).toBe('signed');
    expect(mappedStage(sales[5], sales, short).key).toBe('dropped');
    expect(mappedStage(short[1], short, sales).key).toBe('qualification');
  });

  it('names the field when a stage is not of the pipeline or a kind is missing', () => {
    expect(() => stageOf(short, 'proposal')).toThrow(expect.objectContaining({ response: expect.objectContaining({ details: [expect.objectContaining({ field: 'stage' })] }) }));
    expect(() => assertAllKinds(stages('a b:won'), 'stages')).toThrow(/missing: lost/);
    expect(() => assertAllKinds(short, 'stages')).not.toThrow();
  });

  it('makes keys from names, numbering repeats, and refuses a repeated key that was sent', () => {
    expect(keysOf([{ name: 'Discovery call' }, { name: 'Discovery call' }, { name: '1st meeting' }])).toEqual(['discovery_call', 'discovery_call_2', 's_1st_meeting']);
    expect(() => keysOf([{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }])).toThrow(/used twice/);
    expect(keysOf([{ name: 'Won' }], ['won'])).toEqual(['won_2']);
  });
});
