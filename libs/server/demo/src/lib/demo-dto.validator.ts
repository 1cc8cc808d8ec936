import { BadRequestException } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * The sample data passes the same DTO validation an API caller's body does before it reaches a
 * service (a data-set mistake fails loudly here instead of writing something the API would refuse).
 */
export function demoDto<T extends object>(type: ClassConstructor<T>, plain: Record<string, unknown>): T {
  const dto = plainToInstance(type, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new BadRequestException(`Sample data: ${errors.map((e) => Object.values(e.constraints ?? {}).join('; ')).join('; ')}`);
  return dto;
}
