package dev.baton.service.tokens;

/** Who a bearer token belongs to and its role (lower case). */
public record Me(String name, String role) {}
