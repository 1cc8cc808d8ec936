import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_KEY } from './access.decorators';

/**
 * Refuses to boot when a route does not say who may use it (@Public, @Roles, @UsersOnly on the
 * handler or its controller): a route is closed unless it is declared, never open by accident.
 */
@Injectable()
export class RouteAccessVerifier implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = this.undeclaredRoutes();
    if (missing.length) throw new Error(`Routes without an access decorator (@Public/@Roles/@UsersOnly): ${missing.join(', ')}`);
  }

  undeclaredRoutes(): string[] {
    return this.discovery.getControllers().flatMap(({ metatype, instance }) => {
      if (!metatype || !instance) return [];
      const proto = Object.getPrototypeOf(instance);
      return this.scanner
        .getAllMethodNames(proto)
        .filter((name) => Reflect.getMetadata(PATH_METADATA, proto[name]) !== undefined)
        .filter((name) => !this.reflector.getAllAndOverride(ACCESS_KEY, [proto[name], metatype]))
        .map((name) => `${metatype.name}.${name}`);
    });
  }
}
