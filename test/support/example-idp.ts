/**
 * The password of every test account at the emulator's demo identity provider: the first sign-in with an
 * address creates its account with the password typed, and every later one needs it (issue 21).
 */
export const EXAMPLE_IDP_PASSWORD = 'example idp password';
