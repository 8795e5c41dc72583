package example.modularity.violating.customer;

/** The fixture's customer module API. */
public interface Customers {
  String name(String id);
}
