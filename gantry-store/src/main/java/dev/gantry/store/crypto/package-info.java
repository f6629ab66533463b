/**
 * Encryption of stored prompts and responses: {@link dev.gantry.store.crypto.DataKeys} holds the
 * 256-bit data keys (several, one active) read from an environment value or a file, and {@link
 * dev.gantry.store.crypto.PayloadCipher} seals a payload with AES-256-GCM under the active key
 * (fresh 96-bit nonce, the key's id kept beside the ciphertext) and opens it again with whichever
 * key sealed it, so keys can be rotated without a flag day.
 */
package dev.gantry.store.crypto;
