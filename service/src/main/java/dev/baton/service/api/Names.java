package dev.baton.service.api;

import java.util.regex.Pattern;

/** App, service and host names are DNS labels: they end up in container names and URLs. */
final class Names {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private Names() {}

  static String requireDnsLabel(String field, String value) {
    if (value == null || !DNS_LABEL.matcher(value).matches()) {
      throw ApiException.badField(
          field,
          "'"
              + value
              + "' is not a DNS label (lowercase letters, digits and '-', 1 to 63 characters)");
    }
    return value;
  }
}
