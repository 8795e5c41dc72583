package dev.microworks.scoring;

public enum InteractionKind {
  OPENED,
  ACTED,
  DISMISSED
}
