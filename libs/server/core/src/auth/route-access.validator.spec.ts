import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Public, Roles } from './access.decorators';
import { RouteAccessVerifier } from './route-access.validator';

@Controller('open')
class DeclaredController {
  @Get()
  @Public()
  open(): string {
    return 'ok';
  }

  @Get('managers')
  @Roles('manager')
  managers(): string {
    return 'ok';
  }
}

@Roles('admin')
@Controller('class-level')
class ClassLevelController {
  @Get()
  list(): string {
    return 'ok';
  }
}

@Controller('forgotten')
class ForgottenController {
  @Get()
  leaky(): string {
    return 'oops';
  }

  helper(): string {
    return 'not a route';
  }
}

async function verifierFor(...controllers: (new (...args: never[]) => unknown)[]) {
  @Module({ imports: [DiscoveryModule], controllers, providers: [RouteAccessVerifier] })
  class TestModule {}
  const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
  return moduleRef.get(RouteAccessVerifier);
}

describe('RouteAccessVerifier', () => {
  it('accepts routes declared on the handler or the controller', async () => {
    const verifier = await verifierFor(DeclaredController, ClassLevelController);
    expect(verifier.undeclaredRoutes()).toEqual([]);
    expect(() => verifier.onApplicationBootstrap()).not.toThrow();
  });

  it('refuses to boot with a route that says nothing about access, naming it', async () => {
    const verifier = await verifierFor(DeclaredController, ForgottenController);
    expect(verifier.undeclaredRoutes()).toEqual(['ForgottenController.leaky']);
    expect(() => verifier.onApplicationBootstrap()).toThrow(/ForgottenController\.leaky/);
  });
});
