package dev.baton.cli;

/** Placeholder. */
public final class BatonCli {
  private BatonCli() {}

  public static void main(String[] args) {}
}
