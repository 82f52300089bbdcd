package dev.baton.workflows.model;

/** Compose's {@code deploy.resources}: zero means "not set". */
public record Resources(
    double cpusLimit, long memoryLimitBytes, double cpusReservation, long memoryReservationBytes) {

  public static Resources none() {
    return new Resources(0, 0, 0, 0);
  }
}
