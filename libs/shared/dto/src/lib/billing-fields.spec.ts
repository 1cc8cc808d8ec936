import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { HourlyAmount } from './billing-fields';

class Priced {
  @HourlyAmount('45.00')
  hourly_cost: string;
}

const read = (body: object) => {
  const priced = plainToInstance(Priced, body);
  return { value: priced.hourly_cost, errors: validateSync(priced).flatMap((e) => Object.values(e.constraints ?? {})) };
};

describe('HourlyAmount', () => {
  it('takes a decimal string or a JSON number, as a decimal string', () => {
    expect(read({ hourly_cost: ' 45.50 ' })).toEqual({ value: '45.50', errors: [] });
    expect(read({ hourly_cost: 95.5 })).toEqual({ value: '95.5', errors: [] });
  });

  it('refuses a negative amount or more than 2 decimals with a message naming the field and the example', () => {
    const message = 'hourly_cost must be a non-negative amount with at most 2 decimals, e.g. 45.00';
    expect(read({ hourly_cost: '-1' }).errors).toEqual([message]);
    expect(read({ hourly_cost: '1.234' }).errors).toEqual([message]);
  });

  it('documents a required amount per hour with the example', () => {
    const meta = Reflect.getMetadata('swagger/apiModelProperties', Priced.prototype, 'hourly_cost');
    expect(meta).toMatchObject({ example: '45.00', description: 'Per hour, at most 2 decimals' });
    expect(meta).not.toHaveProperty('required', false);
  });
});
