package dev.baton.service.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body that must be UTF-8 (a Compose file). Spring's string conversion replaces a bad
 * byte with U+FFFD and carries on, so a damaged file would be deployed with different text than was
 * sent; this refuses it instead, naming the first bad byte.
 */
public final class Utf8Body {
  private Utf8Body() {}

  /** The text of {@code body}, or a 400 naming the offset of its first byte that is not UTF-8. */
  public static String decode(byte[] body) {
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    try {
      return strict.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badField(
          "body",
          "not UTF-8: invalid byte sequence at offset "
              + in.position()
              + " of "
              + body.length
              + " bytes");
    }
  }
}
