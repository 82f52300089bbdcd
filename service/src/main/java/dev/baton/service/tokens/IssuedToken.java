package dev.baton.service.tokens;

/** A token just issued: the only moment its secret is known. */
public record IssuedToken(long id, String name, String role, String token) {}
