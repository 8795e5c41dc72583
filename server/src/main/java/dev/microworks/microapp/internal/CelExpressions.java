package dev.microworks.microapp.internal;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Instant;
import java.util.Map;

/**
 * The one CEL environment of microapps. Variables: {@code record} and {@code before} (maps of
 * column name to value; {@code before} is empty for a new record), {@code user} ({@code email},
 * {@code name}, {@code groups}), {@code now} and {@code today} (timestamps, UTC). Results are
 * booleans.
 */
final class CelExpressions {

  private static final MapType COLUMNS = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .addVar("record", COLUMNS)
          .addVar("before", COLUMNS)
          .addVar("user", COLUMNS)
          .addVar("now", SimpleType.TIMESTAMP)
          .addVar("today", SimpleType.TIMESTAMP)
          .setResultType(SimpleType.BOOL)
          .setOptions(
              CelOptions.current()
                  .enableHeterogeneousNumericComparisons(true)
                  .maxParseRecursionDepth(64)
                  .build())
          .build();

  private CelExpressions() {}

  /** A compiled boolean expression. */
  static final class Program {
    private final String source;
    private final CelRuntime.Program program;

    private Program(String source, CelRuntime.Program program) {
      this.source = source;
      this.program = program;
    }

    /**
     * Evaluates; an evaluation error (a value of an unexpected type in a record) counts as false,
     * so one odd record never stops a whole batch.
     */
    boolean test(Bindings bindings) {
      try {
        Object result = program.eval(bindings.asMap());
        return Boolean.TRUE.equals(result);
      } catch (CelEvaluationException e) {
        return false;
      }
    }

    String source() {
      return source;
    }

    @Override
    public String toString() {
      return source;
    }
  }

  /** What an expression sees. */
  record Bindings(
      Map<String, Object> record,
      Map<String, Object> before,
      Map<String, Object> user,
      Instant now,
      Instant today) {
    Map<String, Object> asMap() {
      return Map.of("record", record, "before", before, "user", user, "now", now, "today", today);
    }
  }

  /**
   * Compiles a boolean expression.
   *
   * @throws IllegalArgumentException with CEL's explanation (position within the expression)
   */
  static Program compile(String source) {
    try {
      CelAbstractSyntaxTree ast = CEL.compile(source).getAst();
      return new Program(source, CEL.createProgram(ast));
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(explain(e), e);
    } catch (dev.cel.common.CelException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String explain(CelValidationException e) {
    // "ERROR: <input>:1:12: message\n | source\n | ....^" -> "1:12: message"
    String message = e.getMessage();
    String first = message.lines().findFirst().orElse(message);
    return first.replace("ERROR: <input>:", "at ");
  }
}
