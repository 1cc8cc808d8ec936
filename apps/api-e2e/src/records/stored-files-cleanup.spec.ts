import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { FileStorage } from '@clockwork/server-core';
import { DataSource } from 'typeorm';
import { createAccount } from '../support/domains/accounts.domain';
import { uploadAttachment } from '../support/domains/attachments.domain';
import { createContact } from '../support/domains/contacts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { createTask } from '../support/domains/tasks.domain';
import { startS3Server, TestS3 } from '../support/s3-server';
import { waitFor } from '../support/wait-for';
import { WebhookStack } from '../support/webhook-stack';

/**
 * The stored files of a deleted parent's attachments (the rows go with the parent by cascade)
 * are removed by the worker after the delete commits: on the real S3 test server (s3rver) and
 * on local disk, retried while storage is down, and never the file of a live attachment.
 */
describe('stored files of deleted parents', () => {
  describe.each(['s3', 'local'] as const)('on %s storage', (driver) => {
    let s3: TestS3 | undefined;
    let stack: WebhookStack;
    let db: DataSource;
    let storage: FileStorage;

    /** Whether the stored object of this key still exists (asked of the storage itself, not the app's rows). */
    const exists = async (key: string): Promise<boolean> => {
      if (s3) {
        return s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key })).then(
          () => true,
          (e: { name?: string }) => (e.name === 'NotFound' ? false : Promise.reject(e)),
        );
      }
      return storage.get(key).then(
        (stream) => (stream.destroy(), true),
        () => false,
      );
    };
    const keyOf = async (attachmentId: string): Promise<string> => (await db.query(`SELECT storage_key FROM attachments WHERE id = $1`, [attachmentId]))[0].storage_key;
    const queued = async (): Promise<{ storage_key: string; attempts: number; last_error: string | null }[]> =>
      db.query(`SELECT storage_key, attempts, last_error FROM stored_file_deletions WHERE organization_id = $1 ORDER BY created_at`, [stack.admin.organizationId]);
    const attach = async (parent_type: string, parent_id: string) => keyOf((await uploadAttachment(stack.api, stack.admin, { parent_type, parent_id })).id);

    beforeAll(async () => {
      if (driver === 's3') s3 = await startS3Server();
      stack = await WebhookStack.start(s3 ? s3.env : {});
      db = stack.api.get(DataSource);
      storage = stack.api.get(FileStorage);
    });
    afterAll(async () => {
      await stack?.close();
      await s3?.stop();
    });

    it('removes the files of an account, a contact, a deal and a task once each is deleted; files of live records stay', async () => {
      const keep = await createAccount(stack.api, stack.admin, { name: 'Kept Ltd' });
      const keptKey = await attach('account', keep);
      const account = await createAccount(stack.api, stack.admin, { name: 'Gone Ltd' });
      const contact = await createContact(stack.api, stack.admin, { first_name: 'Gone' });
      const deal = await createDeal(stack.api, stack.admin, { name: 'Gone deal' });
      const task = await createTask(stack.api, stack.admin, { title: 'Gone task' });
      const keys = [await attach('account', account), await attach('account', account), await attach('contact', contact), await attach('deal', deal), await attach('task', task)];
      for (const key of [...keys, keptKey]) expect(await exists(key)).toBe(true);

      for (const path of [`accounts/${account}`, `contacts/${contact}`, `deals/${deal}`, `tasks/${task}`]) await stack.http().delete(`/api/v1/${path}`).set(stack.auth).expect(204);
      await waitFor('the files of the deleted records removed', async () => (await Promise.all(keys.map(exists))).every((e) => !e));
      await waitFor('the queue emptied', async () => (await queued()).length === 0);
      expect(await exists(keptKey)).toBe(true);
      expect((await stack.http().get(`/api/v1/attachments?parent_type=account&parent_id=${keep}`).set(stack.auth).expect(200)).body.data).toHaveLength(1);
    });

    it('never removes the file of a live attachment, even when a removal of its key is queued', async () => {
      const account = await createAccount(stack.api, stack.admin, { name: 'Still Here' });
      const key = await attach('account', account);
      await db.query(`INSERT INTO stored_file_deletions (organization_id, storage_key) VALUES ($1, $2)`, [stack.admin.organizationId, key]);
      // Another delete wakes the clean-up of this organization.
      const other = await createDeal(stack.api, stack.admin, { name: 'Wake-up deal' });
      await stack.http().delete(`/api/v1/deals/${other}`).set(stack.auth).expect(204);
      await waitFor('the queue emptied', async () => (await queued()).length === 0);
      expect(await exists(key)).toBe(true);
    });

    if (driver === 's3') {
      it('retries while the storage is down, and removes the file once it is back', async () => {
        const task = await createTask(stack.api, stack.admin, { title: 'Deleted while S3 is down' });
        const key = await attach('task', task);
        await s3?.suspend();
        try {
          await stack.http().delete(`/api/v1/tasks/${task}`).set(stack.auth).expect(204);
          const failed = await waitFor('a failed attempt recorded', async () => {
            const rows = await queued();
            return rows.length === 1 && rows[0].attempts >= 1 ? rows[0] : null;
          });
          expect(failed).toMatchObject({ storage_key: key, last_error: expect.any(String) });
        } finally {
          await s3?.resume();
        }
        expect(await exists(key)).toBe(true);
        await waitFor('the file removed on a retry', async () => !(await exists(key)) && (await queued()).length === 0, 30_000, 250);
      });
    }
  });
});
