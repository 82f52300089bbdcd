package dev.baton.service.auth;

/** Who is calling: the token's name and role. */
public record Caller(String name, Role role) {

  public static final String ATTRIBUTE = "baton.caller";

  public enum Role {
    VIEWER,
    DEPLOYER,
    ADMIN;

    public boolean allows(Role needed) {
      return compareTo(needed) >= 0;
    }
  }
}
