package dev.microworks.bench;

/** Does nothing: its start-up time is the bare JVM's, the floor for every other figure. */
public final class Noop {
  private Noop() {}

  public static void main(String[] args) {}
}
