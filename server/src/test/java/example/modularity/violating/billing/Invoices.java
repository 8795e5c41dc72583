package example.modularity.violating.billing;

import example.modularity.violating.customer.internal.CustomerRow;

/** Breaks the rule on purpose: billing reaches into customer's internals. */
public class Invoices {
  public String addressee(CustomerRow customer) {
    return customer.name();
  }
}
