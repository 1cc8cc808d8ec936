import { reportRequestFields } from './report-request.mapper';

describe('reportRequestFields', () => {
  it('begins an export or schedule DTO with its id, who asked, the report and its params', () => {
    const fields = reportRequestFields({ id: 'e1', userId: 'u1', report: 'time', params: { group_by: 'day' } });
    expect(fields).toEqual({ id: 'e1', user_id: 'u1', report: 'time', params: { group_by: 'day' } });
    expect(Object.keys(fields)).toEqual(['id', 'user_id', 'report', 'params']);
  });
});
