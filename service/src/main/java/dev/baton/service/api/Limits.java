package dev.baton.service.api;

/** Page sizes: 1 to a maximum, or 400 naming the parameter. */
final class Limits {
  private Limits() {}

  static int check(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw ApiException.badField(field, value + " is not between 1 and " + max);
    }
    return value;
  }
}
