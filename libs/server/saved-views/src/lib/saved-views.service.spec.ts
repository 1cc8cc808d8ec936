import { AuditWriter, type Principal } from '@clockwork/server-core';
import { mockStoredRecord, newTestService, testCaller } from '@clockwork/server-core/testing';
import type { SavedView } from '@clockwork/shared-entities';
import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { SavedViewsRepository } from './saved-views.repository';
import { SavedViewsService } from './saved-views.service';

const savedView = (over: Partial<SavedView> = {}): SavedView =>
  ({ id: 'v1', organizationId: 'o1', ownerId: 'owner', list: 'contacts', name: 'Mine', filters: { q: 'acme' }, sort: null, columns: null, visibility: 'private', createdAt: new Date(0), updatedAt: new Date(0), ...over }) as SavedView;

function setup(stored: SavedView, principal: Partial<Principal>) {
  const caller = testCaller(principal);
  const { sut: service, mock } = newTestService(SavedViewsService, { principal: caller });
  const views = mock(SavedViewsRepository);
  mockStoredRecord(views, stored, savedView);
  views.defaultOf.mockResolvedValue(null);
  return { service, views, audit: mock(AuditWriter) };
}

describe('SavedViewsService', () => {
  it('hides a private view from everyone but its owner, admins included', async () => {
    const { service, views } = setup(savedView(), { role: 'admin', id: 'admin' });
    await expect(service.update('v1', { name: 'x' })).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.makeDefault('v1')).rejects.toBeInstanceOf(NotFoundException);
    expect(views.updateById).not.toHaveBeenCalled();
    expect(views.setDefault).not.toHaveBeenCalled();
  });

  it('lets only the owner, or an admin for a shared view, change it; others who see it get 403', async () => {
    const shared = savedView({ visibility: 'organization' });
    await expect(setup(shared, { id: 'owner' }).service.update('v1', { name: 'New' })).resolves.toMatchObject({ name: 'New', editable: true });
    await expect(setup(shared, { role: 'admin', id: 'a' }).service.update('v1', { name: 'New' })).resolves.toMatchObject({ name: 'New' });
    const other = setup(shared, { id: 'other' });
    await expect(other.service.remove('v1')).rejects.toBeInstanceOf(ForbiddenException);
    expect(other.views.deleteById).not.toHaveBeenCalled();
    // Support may not open the accounts list: a shared accounts view does not exist for it.
    await expect(setup(savedView({ list: 'accounts', visibility: 'organization' }), { role: 'support' }).service.makeDefault('v1')).rejects.toBeInstanceOf(NotFoundException);
  });

  it("checks a patch's filters against the view's own list and writes nothing on a bad key", async () => {
    const { service, views, audit } = setup(savedView(), { id: 'owner' });
    const error = await service.update('v1', { filters: { stage: 'won' } }).catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.getResponse()).toMatchObject({ details: [{ field: 'filters', errors: [expect.stringContaining('filters.stage is not a filter of the contacts list')] }] });
    expect(views.updateById).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('audits create, update and delete once each, and drops other users\' defaults when a view turns private', async () => {
    const { service, views, audit } = setup(savedView({ visibility: 'organization' }), { id: 'owner' });
    await service.create({ list: 'contacts', name: 'New', filters: { q: 'a' } });
    expect(views.insert.mock.calls[0][1]).toMatchObject({ ownerId: 'owner', visibility: 'private', filters: { q: 'a' }, sort: null, columns: null });
    await service.update('v1', { visibility: 'private' });
    expect(views.dropOthersDefaults).toHaveBeenCalledWith(expect.anything(), 'owner', 'v1');
    await service.remove('v1');
    expect(audit.record.mock.calls.map((c) => [c[1].action, c[1].objectType])).toEqual([
      ['create', 'saved_view'],
      ['update', 'saved_view'],
      ['delete', 'saved_view'],
    ]);
  });

  it('refuses to save a view of a list the role may not open', async () => {
    const { service, views } = setup(savedView(), { role: 'support' });
    await expect(service.create({ list: 'invoices', name: 'Nope' })).rejects.toBeInstanceOf(ForbiddenException);
    expect(views.insert).not.toHaveBeenCalled();
  });
});
