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

  /** {@code id}: the backup's own id (its file is {@code <id>.tar}). */
  public static String backup(String app, String id) {
    return "backup:" + app + ":" + id;
  }

  public static String restore(String app, String n) {
    return "restore:" + app + ":" + n;
  }

  /** The app's volumes on {@code host} move away (a drain with move-volumes). */
  public static String moveVolumes(String app, String host, String n) {
    return "move-volumes:" + app + ":" + host + ":" + n;
  }
}
