import { BadRequestException } from '@nestjs/common';
import { ruleFromEntry } from './rule-from-entry.builder';

const entry = { projectName: ' Apollo ', tags: ['dev', ' dev', 'ops'], userId: null as string | null, employeeId: 'emp-9' as string | null, activityType: 'website' as const };

describe('ruleFromEntry', () => {
  it("copies the named criteria from the entry's own values and targets the assignment", () => {
    expect(ruleFromEntry(entry, { match_on: ['project_name', 'tags', 'employee', 'activity_type'] }, { deal_id: 'd1' })).toEqual({
      name: 'From assignment: project "Apollo"; tags dev, ops; employee emp-9; website activity',
      deal_id: 'd1', task_id: null, project_name: 'Apollo', tags: ['dev', 'ops'], employee_id: 'emp-9', activity_type: 'website',
    });
  });

  it('matches the employee by user when the entry has one, and keeps a given name and priority', () => {
    expect(ruleFromEntry({ ...entry, userId: 'u1' }, { match_on: ['employee'], name: 'Ada', priority: 5 }, { task_id: 't1' })).toEqual({ name: 'Ada', priority: 5, deal_id: null, task_id: 't1', user_id: 'u1' });
  });

  it('refuses a criterion the entry has no value for, naming create_rule.match_on', () => {
    const call = () => ruleFromEntry({ ...entry, projectName: null }, { match_on: ['project_name'] }, { deal_id: 'd1' });
    expect(call).toThrow(BadRequestException);
    try {
      call();
    } catch (e) {
      expect((e as BadRequestException).getResponse()).toMatchObject({ details: [{ field: 'create_rule.match_on' }] });
    }
    expect(() => ruleFromEntry({ ...entry, tags: [] }, { match_on: ['tags'] }, { deal_id: 'd1' })).toThrow(/no tags/);
    expect(() => ruleFromEntry({ ...entry, employeeId: null }, { match_on: ['employee'] }, { deal_id: 'd1' })).toThrow(/no user or employee_id/);
  });
});
