import { SnakeNamingStrategy, toSnakeCase } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it.each([
    ['organizationId', 'organization_id'],
    ['primaryContactId', 'primary_contact_id'],
    ['createdAt', 'created_at'],
    ['name', 'name'],
    ['linkedEmployeeID', 'linked_employee_id'],
  ])('maps %s to %s', (property, column) => {
    expect(naming.columnName(property, undefined, [])).toBe(column);
  });

  it('keeps an explicit column name and prefixes embedded columns', () => {
    expect(naming.columnName('x', 'custom_name', [])).toBe('custom_name');
    expect(naming.columnName('street', undefined, ['billingAddress'])).toBe('billing_address_street');
  });

  it('snake-cases class names without an explicit table name', () => {
    expect(naming.tableName('TimeEntry', undefined)).toBe('time_entry');
    expect(toSnakeCase('HTTPServer')).toBe('http_server');
  });
});
