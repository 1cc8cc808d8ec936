import { SetMetadata } from '@nestjs/common';

export const LOGIN_THROTTLE = 'clockwork:login-throttle';
export const SIGNUP_THROTTLE = 'clockwork:signup-throttle';
export const PASSWORD_RESET_THROTTLE = 'clockwork:password-reset-throttle';

/** Counts this route's calls against the per-email and per-IP login limits. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE, true);

/** Counts this route's calls against the per-IP signup limit (SIGNUP_RATE_LIMIT_PER_HOUR). */
export const SignupThrottle = () => SetMetadata(SIGNUP_THROTTLE, true);

/** Counts this route's calls against the per-email and per-IP password-reset limits. */
export const PasswordResetThrottle = () => SetMetadata(PASSWORD_RESET_THROTTLE, true);
