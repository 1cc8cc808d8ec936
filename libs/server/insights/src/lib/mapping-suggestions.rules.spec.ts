import { entryTokens, fitSuggestionModel, MappingDecision, suggestDeal } from './mapping-suggestions.rules';

const entry = (deal_id: string, project_name: string, tags: string[], employee_id = 'emp-1'): MappingDecision => ({ deal_id, project_name, tags, employee_id, user_id: null, activity_type: 'app' });

describe('mapping suggestions (naive Bayes over review decisions)', () => {
  it('tokenises the name, its words, tags, person and type, each by its source', () => {
    expect(entryTokens(entry('d', 'Acme – Website redesign', ['Design'])).sort()).toEqual(
      ['name:acme – website redesign', 'word:acme', 'word:website', 'word:redesign', 'tag:design', 'employee:emp-1', 'type:app'].sort(),
    );
  });

  it('suggests the deal past decisions assigned such entries to, with the posterior as confidence', () => {
    const model = fitSuggestionModel([entry('A', 'Acme website', ['design']), entry('A', 'Acme website', ['design']), entry('B', 'Globex audit', ['finance'])]);
    const s = suggestDeal(model, { project_name: 'Acme website', tags: ['design'], employee_id: 'emp-1', user_id: null, activity_type: 'app' }, new Set(['A', 'B']));
    expect(s?.deal_id).toBe('A');
    expect(s?.because[0]).toMatch(/^(name|word|tag):/);
    // Independent posterior: P(A|x) ∝ P(A) Π P(t|A), Laplace 1 over the vocabulary
    const v = model.vocabulary.size;
    const tokens = entryTokens({ project_name: 'Acme website', tags: ['design'], employee_id: 'emp-1', user_id: null, activity_type: 'app' });
    const like = (deal: 'A' | 'B') => {
      const d = model.deals.get(deal)!;
      return (d.decisions / 3) * tokens.reduce((p, t) => p * (((d.counts.get(t) ?? 0) + 1) / (d.tokens + v)), 1);
    };
    expect(s?.confidence).toBeCloseTo(like('A') / (like('A') + like('B')), 4);
  });

  it('suggests nothing without decisions, for unseen tokens only, or when the deal is closed', () => {
    expect(suggestDeal(fitSuggestionModel([]), entry('A', 'x', []), new Set(['A']))).toBeNull();
    const model = fitSuggestionModel([entry('A', 'Acme website', ['design'], 'emp-2')]);
    expect(suggestDeal(model, { project_name: 'zzz', tags: [], employee_id: null, user_id: null, activity_type: 'website' }, new Set(['A']))).toBeNull();
    expect(suggestDeal(model, entry('A', 'Acme website', ['design']), new Set())).toBeNull();
  });
});
