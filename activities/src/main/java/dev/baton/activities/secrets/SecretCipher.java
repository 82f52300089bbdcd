package dev.baton.activities.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM from the JDK. Each value gets a fresh 96-bit nonce; the row's identity is the
 * associated data, so a ciphertext copied onto another row does not decrypt.
 */
final class SecretCipher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TAG_BITS = 128;

  record Sealed(byte[] nonce, byte[] ciphertext) {}

  private SecretCipher() {}

  static Sealed seal(SecretKey key, String row, byte[] value) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return new Sealed(nonce, run(Cipher.ENCRYPT_MODE, key, nonce, row, value));
  }

  static byte[] open(SecretKey key, String row, byte[] nonce, byte[] ciphertext) {
    return run(Cipher.DECRYPT_MODE, key, nonce, row, ciphertext);
  }

  private static byte[] run(int mode, SecretKey key, byte[] nonce, String row, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key.aes(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(row.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // Never the value or the key in the message.
      throw new IllegalStateException(
          "cannot "
              + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
              + " "
              + row
              + ": "
              + e.getClass().getSimpleName());
    }
  }
}
