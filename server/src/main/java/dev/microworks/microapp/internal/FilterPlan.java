package dev.microworks.microapp.internal;

import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.ExprKind.Kind;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import dev.microworks.integration.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the records a user may see are read from the cache: by blind-index lookups on the user's
 * e-mail, or by browsing the whole table.
 *
 * <p>A filter is planned as lookups exactly when its expression is {@code record.<col> ==
 * user.email} (either side first), or several such equalities joined by {@code ||}, and every
 * {@code <col>} is a stored {@code lookup: true} column of the table. Such a filter can only hold
 * for a record whose column equals the user's e-mail, so the records it lets through are among
 * those {@link dev.microworks.cache.DataCache#lookup} finds for each column (trimmed,
 * case-insensitive, which finds a superset). The lookups are unioned by key and the full filter is
 * then evaluated on each (the exact, case-sensitive comparison, after decryption). Any other filter
 * — another operator, a literal, {@code &&}, a function, a non-lookup column — is browsed in pages
 * and evaluated on every record.
 *
 * <p>The recognition reads the parsed CEL syntax tree, so spacing and parentheses do not matter;
 * anything it does not recognise falls back to browsing, which is always correct.
 */
final class FilterPlan {

  private static final CelParser PARSER = CelParserFactory.standardCelParserBuilder().build();
  private static final String OR = "_||_";
  private static final String EQUALS = "_==_";

  private final List<String> lookupColumns;

  private FilterPlan(List<String> lookupColumns) {
    this.lookupColumns = List.copyOf(lookupColumns);
  }

  /** Browse every record. */
  static FilterPlan browse() {
    return new FilterPlan(List.of());
  }

  /** The plan for a table's filter (absent: every record is visible, so browse). */
  static FilterPlan of(Optional<String> filter, TableSpec table) {
    return filter.map(source -> of(source, table)).orElseGet(FilterPlan::browse);
  }

  /** The plan for a filter expression over a table. */
  static FilterPlan of(String filter, TableSpec table) {
    CelExpr root;
    try {
      root = PARSER.parse(filter).getAst().getExpr();
    } catch (CelValidationException e) {
      return browse();
    }
    Set<String> columns = new LinkedHashSet<>();
    List<CelExpr> alternatives = new ArrayList<>();
    disjuncts(root, alternatives);
    for (CelExpr alternative : alternatives) {
      Optional<String> column = emailEquality(alternative);
      boolean lookup =
          column.flatMap(table::column).filter(c -> c.lookup() && !c.ignored()).isPresent();
      if (!lookup) {
        return browse();
      }
      columns.add(column.get());
    }
    return new FilterPlan(new ArrayList<>(columns));
  }

  /** Whether the records are found by lookups rather than by browsing. */
  boolean byLookup() {
    return !lookupColumns.isEmpty();
  }

  /** The lookup columns searched for the user's e-mail; empty when browsing. */
  List<String> lookupColumns() {
    return lookupColumns;
  }

  @Override
  public String toString() {
    return byLookup() ? "lookup " + String.join(", ", lookupColumns) + " = user.email" : "browse";
  }

  private static void disjuncts(CelExpr expr, List<CelExpr> into) {
    if (isCall(expr, OR)) {
      for (CelExpr arg : expr.call().args()) {
        disjuncts(arg, into);
      }
    } else {
      into.add(expr);
    }
  }

  /** The column of {@code record.<col> == user.email} or {@code user.email == record.<col>}. */
  private static Optional<String> emailEquality(CelExpr expr) {
    if (!isCall(expr, EQUALS) || expr.call().args().size() != 2) {
      return Optional.empty();
    }
    CelExpr left = expr.call().args().get(0);
    CelExpr right = expr.call().args().get(1);
    if (isField(right, "user", "email")) {
      return recordColumn(left);
    }
    if (isField(left, "user", "email")) {
      return recordColumn(right);
    }
    return Optional.empty();
  }

  private static Optional<String> recordColumn(CelExpr expr) {
    if (expr.getKind() == Kind.SELECT
        && !expr.select().testOnly()
        && isIdent(expr.select().operand(), "record")) {
      return Optional.of(expr.select().field());
    }
    return Optional.empty();
  }

  private static boolean isField(CelExpr expr, String variable, String field) {
    return expr.getKind() == Kind.SELECT
        && !expr.select().testOnly()
        && expr.select().field().equals(field)
        && isIdent(expr.select().operand(), variable);
  }

  private static boolean isIdent(CelExpr expr, String name) {
    return expr.getKind() == Kind.IDENT && expr.ident().name().equals(name);
  }

  private static boolean isCall(CelExpr expr, String function) {
    return expr.getKind() == Kind.CALL
        && expr.call().target().isEmpty()
        && expr.call().function().equals(function);
  }
}
