import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';

/** Found by the fuzz test: a CSV export refused by its query used to cut the connection. */
describe('?format=csv with a query the list refuses', () => {
  const api = apiWithOrg('CSV Errors Org');

  it.each(['/api/v1/time-entries', '/api/v1/accounts', '/api/v1/contacts'])('%s answers the 400 itself, not a broken download', async (path) => {
    const res = await request(api.app.getHttpServer()).get(`${path}?format=csv&sort=no_such_field:asc`).set('Authorization', `Bearer ${api.admin.accessToken}`).expect(400);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: [expect.objectContaining({ field: 'sort' })] });
  });
});
