/**
 * Kratos's ui message ids (`text/id.go`) by name: the one list of the ids the project sends or acts on. The
 * emulator builds its messages from these names (emulator/messages.ts, with Kratos's English texts), and the
 * renderer's table of human sentences (renderer/src/flow/messages.ts) must have a sentence for every one of
 * them, which the compiler checks. Names follow Kratos's `text.New…()` constructors.
 */
export const messageIds = {
  // Login
  signIn: 1010001,
  signInWith: 1010002,
  loginReAuth: 1010003,
  loginMfa: 1010004,
  loginTotpLabel: 1010006,
  loginLookupLabel: 1010007,
  loginUseTotp: 1010009,
  loginUseLookup: 1010010,
  loginCodeSent: 1010014,
  sendSignInCode: 1010015,
  loginLinkMessage: 1010016,
  signInWithPassword: 1010022,
  sendCodeTo: 1010023,
  // Registration
  signUp: 1040001,
  signUpWith: 1040002,
  registrationCodeSent: 1040005,
  sendSignUpCode: 1040006,
  registrationBack: 1040008,
  chooseCredentials: 1040009,
  // Settings
  settingsSaved: 1050001,
  unlinkTotp: 1050004,
  totpQrCode: 1050005,
  totpSecret: 1050006,
  revealLookup: 1050007,
  regenerateLookup: 1050008,
  lookupSecret: 1050009,
  lookupSecretsLabel: 1050010,
  confirmLookup: 1050011,
  lookupSecretUsed: 1050014,
  lookupSecretList: 1050015,
  disableLookup: 1050016,
  totpSecretLabel: 1050017,
  // Recovery
  recoverySuccessful: 1060001,
  recoveryCodeSent: 1060003,
  // Node labels
  labelPassword: 1070001,
  labelGenerated: 1070002,
  labelSave: 1070003,
  labelId: 1070004,
  labelVerifyCode: 1070006,
  labelEmail: 1070007,
  labelResendCode: 1070008,
  labelContinue: 1070009,
  labelRecoveryCode: 1070010,
  labelVerificationCode: 1070011,
  labelRegistrationCode: 1070012,
  labelLoginCode: 1070013,
  // Verification
  verificationSuccessful: 1080002,
  verificationCodeSent: 1080003,
  // Validation
  validationGeneric: 4000001,
  validationRequired: 4000002,
  validationMinLength: 4000003,
  invalidCredentials: 4000006,
  duplicateCredentials: 4000007,
  totpCodeWrong: 4000008,
  lookupAlreadyUsed: 4000012,
  lookupInvalid: 4000016,
  passwordTooSimilar: 4000031,
  passwordMinLength: 4000032,
  noCodeUser: 4000035,
  invalidEmail: 4000040,
  // Flow-level: login and "no strategy"
  loginFlowExpired: 4010001,
  loginNoStrategy: 4010002,
  registrationNoStrategy: 4010003,
  settingsNoStrategy: 4010004,
  recoveryNoStrategy: 4010005,
  verificationNoStrategy: 4010006,
  loginCodeInvalid: 4010008,
  // Flow-level: registration
  registrationFlowExpired: 4040001,
  registrationCodeInvalid: 4040003,
  // Flow-level: settings
  settingsFlowExpired: 4050001,
  // Flow-level: recovery
  recoveryFlowExpired: 4060005,
  recoveryCodeInvalid: 4060006,
  // Flow-level: verification
  verificationFlowExpired: 4070005,
  verificationCodeInvalid: 4070006,
} as const;

export type MessageName = keyof typeof messageIds;
export type MessageId = (typeof messageIds)[MessageName];
