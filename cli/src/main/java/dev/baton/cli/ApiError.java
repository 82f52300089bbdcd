package dev.baton.cli;

/** An error answer from Baton (problem+json detail), or Baton could not be reached. */
final class ApiError extends RuntimeException {
  private final int status;

  ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
