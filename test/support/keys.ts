/** The passphrase test courts encrypt their CA and seal keys with (keys at rest, actors/pki/README.md). */
export const TEST_KEY_PASSPHRASE = 'test-key-passphrase-1';
