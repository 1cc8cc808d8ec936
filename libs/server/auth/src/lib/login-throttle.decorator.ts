import { SetMetadata } from '@nestjs/common';

export const LOGIN_THROTTLE = 'clockwork:login-throttle';

/** Counts this route's calls against the per-email and per-IP login limits. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE, true);
