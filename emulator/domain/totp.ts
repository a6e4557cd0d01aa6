/** TOTP (RFC 6238) via otplib, with the emulator's clock as time source so tests control the window. */
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export const newTotpSecret = (): string => generateSecret();

const epochOf = (now: Date) => Math.floor(now.getTime() / 1000);

/** Accepts the current 30 s step and one step either side, like Kratos's pquerna/otp default skew. */
export async function verifyTotp(secret: string, code: string, now: Date): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({ secret, token: code, epoch: epochOf(now), epochTolerance: 30 });
  return result.valid;
}

/** The current code; used by tests playing the authenticator app. */
export const totpCode = (secret: string, now: Date): Promise<string> =>
  generate({ secret, epoch: epochOf(now) });

export const totpUri = (issuer: string, account: string, secret: string): string =>
  generateURI({ issuer, label: account, secret });

/** Kratos renders the key URI as a 256×256 PNG data URI (strategy/totp/settings.go). */
export const totpQrDataUri = (uri: string): Promise<string> =>
  QRCode.toDataURL(uri, { width: 256, margin: 1 });
