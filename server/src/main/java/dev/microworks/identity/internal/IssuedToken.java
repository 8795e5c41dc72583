package dev.microworks.identity.internal;

/**
 * A bootstrap token just issued: the only object that ever holds its plain value, for the one time
 * it is shown. Not a record, so {@link #toString()} cannot print it.
 */
final class IssuedToken {

  private final String value;

  IssuedToken(String value) {
    this.value = value;
  }

  /** The token, to be shown once and then forgotten. */
  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "IssuedToken[mwb_…]";
  }
}
