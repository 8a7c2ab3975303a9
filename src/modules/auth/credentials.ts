/** What every credential check shares: one answer for every kind of failure. */
import { AppError } from '../../platform/errors.js';

/**
 * The single 401 for an unknown email, a wrong password, a disabled account or a workspace the account
 * does not belong to: the answers must not tell an attacker which one it was.
 */
export function invalidCredentials(): AppError {
  return new AppError('INVALID_CREDENTIALS', 'the email or the password is wrong');
}

/** Emails are looked up case-insensitively; a login never fails with 400 for an odd-looking address. */
export function loginEmail(email: string): string {
  return email.trim().toLowerCase();
}
