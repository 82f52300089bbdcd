package dev.baton.activities.state;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The PostgreSQL the integration tests use: {@code BATON_TEST_JDBC_URL} (a JDBC URL, credentials in
 * {@code BATON_TEST_DB_USER} / {@code BATON_TEST_DB_PASSWORD} or in the URL), or else {@code
 * DATABASE_URL} (a libpq URL {@code postgresql://user:pass@host:port/db}). Neither set is an error,
 * never a skip: a test run without its database must fail.
 */
record TestDatabase(String jdbcUrl, String user, String password) {

  static TestDatabase fromEnvironment() {
    String jdbc = System.getenv("BATON_TEST_JDBC_URL");
    if (jdbc != null && !jdbc.isBlank()) {
      return new TestDatabase(
          jdbc, System.getenv("BATON_TEST_DB_USER"), System.getenv("BATON_TEST_DB_PASSWORD"));
    }
    String libpq = System.getenv("DATABASE_URL");
    if (libpq != null && !libpq.isBlank()) {
      return fromLibpq(libpq);
    }
    throw new IllegalStateException(
        "No PostgreSQL for the state integration tests: set DATABASE_URL"
            + " (postgresql://user:pass@host:port/db) or BATON_TEST_JDBC_URL."
            + " These tests never skip; scripts/test starts a database and sets it.");
  }

  /** {@code postgres[ql]://user:pass@host:port/db?params} as a JDBC URL plus credentials. */
  static TestDatabase fromLibpq(String url) {
    URI uri = URI.create(url.trim());
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException("not a libpq URL (postgresql://...): " + url);
    }
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String db = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String jdbc =
        "jdbc:postgresql://"
            + host
            + ":"
            + port
            + "/"
            + db
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new TestDatabase(jdbc, user, password);
  }

  /** The URL with {@code key=value} added to its query string. */
  String withParameter(String key, String value) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + key + "=" + value;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
