package example.modularity.violating.customer.internal;

/** An internal type of the fixture's customer module. */
public record CustomerRow(String name) {}
