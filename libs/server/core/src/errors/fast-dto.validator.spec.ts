import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { fastDtoValidator } from './fast-dto.validator';

class Item {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(5)
  name: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  count?: number;

  @IsOptional()
  @IsString({ each: true })
  tags?: string[];
}

class Parent {
  @ValidateNested()
  @Type(() => Item)
  item: Item;
}

describe('fastDtoValidator', () => {
  const { fields, check } = fastDtoValidator(Item);

  it('answers the transformed DTO when every decorator passes', () => {
    const dto = check({ name: ' abc ', count: 2, tags: ['a'] });
    expect(dto).toBeInstanceOf(Item);
    expect(dto).toMatchObject({ name: 'abc', count: 2, tags: ['a'] });
    expect(fields).toEqual(new Set(['name', 'count', 'tags']));
  });

  it('answers null for a failing check, an unknown field or a nested object', () => {
    expect(check({ name: 'abcdef' })).toBeNull();
    expect(check({ name: 'a', count: 0 })).toBeNull();
    expect(check({ name: 'a', tags: ['a', 1] })).toBeNull();
    expect(check({ name: 'a', colour: 'red' })).toBeNull();
    expect(check({ name: 'a', tags: [{}] })).toBeNull();
  });

  it('skips optional fields left out or null, as IsOptional does', () => {
    expect(check({ name: 'a', count: null })).toMatchObject({ name: 'a', count: null });
  });

  it('never answers for a class whose rules it does not cover (nested validation)', () => {
    expect(fastDtoValidator(Parent).check({ item: { name: 'a' } })).toBeNull();
  });
});
