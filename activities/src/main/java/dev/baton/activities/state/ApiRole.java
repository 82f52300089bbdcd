package dev.baton.activities.state;

/** Role of an API token, as stored (lower case) in {@code api_tokens.role}. */
public enum ApiRole {
  VIEWER,
  DEPLOYER,
  ADMIN;

  public String dbValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ApiRole fromDb(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }

  /** Whether this role may do what {@code required} may (admin > deployer > viewer). */
  public boolean covers(ApiRole required) {
    return ordinal() >= required.ordinal();
  }
}
