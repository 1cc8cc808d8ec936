import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';

describe('notes: text, with body as its older name', () => {
  const api = apiWithOrg('Notes Text Org');
  const http = () => request(api.app.getHttpServer());
  const as = () => ({ Authorization: `Bearer ${api.admin.accessToken}` });
  const fieldsOf = (res: request.Response) => res.body.details.map((d: { field: string }) => d.field).sort();


  it('takes the content as text or body and answers both', async () => {
    const account = await createAccount(api.app, api.admin);
    const byText = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account, text: 'Sent the proposal' }).expect(201);
    expect(byText.body).toMatchObject({ text: 'Sent the proposal', body: 'Sent the proposal' });
    const byBody = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account, body: 'Old client' }).expect(201);
    expect(byBody.body).toMatchObject({ text: 'Old client', body: 'Old client' });
    const both = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account, text: 'Same', body: 'Same' }).expect(201);
    expect(both.body).toMatchObject({ text: 'Same', body: 'Same' });

    const patched = await http().patch(`/api/v1/notes/${byBody.body.id}`).set(as()).send({ text: 'Now as text' }).expect(200);
    expect(patched.body).toMatchObject({ text: 'Now as text', body: 'Now as text' });
    const read = await http().get(`/api/v1/notes/${byBody.body.id}`).set(as()).expect(200);
    expect(read.body).toMatchObject({ text: 'Now as text', body: 'Now as text' });
    const list = await http().get(`/api/v1/notes?parent_type=account&parent_id=${account}`).set(as()).expect(200);
    for (const n of list.body.data) expect(n.text).toBe(n.body);
    expect(list.body.data.map((n: { text: string }) => n.text).sort()).toEqual(['Now as text', 'Same', 'Sent the proposal']);
  });

  it('answers 400 naming text when both differ, when neither is sent, and when text is bad', async () => {
    const account = await createAccount(api.app, api.admin);
    const differ = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account, text: 'One', body: 'Two' }).expect(400);
    expect(differ.body.details).toEqual([{ field: 'text', errors: [expect.stringMatching(/text and body differ/)] }]);
    const missing = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account }).expect(400);
    expect(fieldsOf(missing)).toEqual(['text']);
    const blank = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account, text: '   ' }).expect(400);
    expect(blank.body.details).toEqual([{ field: 'text', errors: ['text must not be empty'] }]);
    const long = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account, text: 'x'.repeat(20001) }).expect(400);
    expect(long.body.details).toEqual([{ field: 'text', errors: ['text must be at most 20000 characters'] }]);

    const note = await http().post('/api/v1/notes').set(as()).send({ parent_type: 'account', parent_id: account, text: 'Kept' }).expect(201);
    const patchDiffer = await http().patch(`/api/v1/notes/${note.body.id}`).set(as()).send({ text: 'A', body: 'B' }).expect(400);
    expect(fieldsOf(patchDiffer)).toEqual(['text']);
    const patchNull = await http().patch(`/api/v1/notes/${note.body.id}`).set(as()).send({ text: null }).expect(400);
    expect(fieldsOf(patchNull)).toEqual(['text']);
    expect((await http().get(`/api/v1/notes/${note.body.id}`).set(as()).expect(200)).body.text).toBe('Kept');
    // A patch of only is_private keeps the content.
    const flag = await http().patch(`/api/v1/notes/${note.body.id}`).set(as()).send({ is_private: true }).expect(200);
    expect(flag.body).toMatchObject({ text: 'Kept', body: 'Kept', is_private: true });
  });
});
