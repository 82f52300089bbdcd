package dev.baton.activities.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One of Baton's 256-bit secrets keys, given base64-encoded ({@code baton.secrets.key}, from {@code
 * BATON_SECRETS_KEY}). Its id (a hash of it, never the key) is stored with each row it encrypts, so
 * rotation knows which rows are still under an older key.
 */
public record SecretKey(String id, SecretKeySpec aes, SecretKeySpec digest) {

  public static SecretKey parse(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("baton.secrets.key is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          "baton.secrets.key must be 32 bytes (base64 of `head -c 32 /dev/urandom`), not "
              + raw.length);
    }
    return new SecretKey(
        HexFormat.of().formatHex(hmac(raw, "baton key id")).substring(0, 16),
        new SecretKeySpec(raw, "AES"),
        new SecretKeySpec(hmac(raw, "baton value digest"), "HmacSHA256"));
  }

  /** A key of this process only (parsing without a store, tests). */
  public static SecretKey random() {
    byte[] raw = new byte[32];
    new java.security.SecureRandom().nextBytes(raw);
    return parse(Base64.getEncoder().encodeToString(raw));
  }

  /** The reference a spec carries for a value: changes with it, tells nothing of it. */
  public String digestOf(String kind, String name, byte[] value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(digest);
      mac.update((kind + "\0" + name + "\0").getBytes(StandardCharsets.UTF_8));
      return "hmac:" + HexFormat.of().formatHex(mac.doFinal(value)).substring(0, 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time: whether two ids name the same key. */
  boolean is(String otherId) {
    return MessageDigest.isEqual(
        id.getBytes(StandardCharsets.UTF_8), otherId.getBytes(StandardCharsets.UTF_8));
  }
}
