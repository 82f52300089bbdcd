package dev.baton.workflows.support;

/**
 * Every workflow's id, in one scheme: the API finds an operation's workflow by it, and it is what
 * to search for in the Temporal UI ({@code deploy:shop:r7}).
 */
public final class WorkflowIds {
  private WorkflowIds() {}

  /** The app's controller. */
  public static String app(String app) {
    return "app:" + app;
  }

  public static String host(String host) {
    return "host:" + host;
  }

  public static String deploy(String app, int revision) {
    return "deploy:" + app + ":r" + revision;
  }

  /** {@code revision}: the new revision that copies the old one. */
  public static String rollback(String app, int revision) {
    return "rollback:" + app + ":r" + revision;
  }

  /** {@code revision}: the revision the scale records. */
  public static String scale(String app, int revision) {
    return "scale:" + app + ":" + revision;
  }

  public static String delete(String app, String n) {
    return "delete:" + app + ":" + n;
  }
}
