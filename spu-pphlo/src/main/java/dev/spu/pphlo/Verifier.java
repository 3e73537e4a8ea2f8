package dev.spu.pphlo;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Checks that a module is well formed: function names are unique; in each function every value is
 * defined once (as an argument or an op result) and before its use; every op is registered, has a
 * valid operand count, and its type rule, re-run on the operand types and attributes, gives exactly
 * the op's result types; the returned values are defined in the function.
 *
 * <p>A function's signature is the types of its returned values by construction ({@link
 * Function#resultTypes}), so {@code pphlo.return} always matches it here; the {@link Parser} checks
 * the written signature against the return op. Passes should call {@link #verify} on their output.
 *
 * <p>Errors are {@link TypeException}s naming the function, the op's index in the body, the op
 * (e.g. {@code 'pphlo.add'}), its operand types and what was expected.
 */
public final class Verifier {
  private Verifier() {}

  public static void verify(Module module) {
    Set<String> names = new HashSet<>();
    for (Function f : module.functions()) {
      if (!names.add(f.name())) {
        throw new TypeException("function @" + f.name() + " is defined twice in the module");
      }
      verify(f);
    }
  }

  public static void verify(Function f) {
    Set<Value> defined = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Value> args = f.arguments();
    for (int i = 0; i < args.size(); i++) {
      if (!defined.add(args.get(i))) {
        throw new TypeException("@" + f.name() + ": argument #" + i + " is listed twice");
      }
    }
    List<Operation> body = f.body();
    for (int i = 0; i < body.size(); i++) {
      Operation op = body.get(i);
      String where = "@" + f.name() + " op #" + i + ": ";
      String name = "'pphlo." + OpRegistry.stripPrefix(op.name()) + "'";
      if (!OpRegistry.contains(op.name())) {
        throw new TypeException(where + "unknown op " + name);
      }
      List<Value> operands = op.operands();
      for (int j = 0; j < operands.size(); j++) {
        if (!defined.contains(operands.get(j))) {
          throw new TypeException(
              where
                  + name
                  + " with operands "
                  + op.operandTypes()
                  + ": operand #"
                  + j
                  + " is not defined before its use in @"
                  + f.name());
        }
      }
      try {
        OpRegistry.check(op.name(), op.operandTypes(), op.attributes(), op.resultTypes());
      } catch (TypeException e) {
        TypeException t = new TypeException(where + e.getMessage());
        t.initCause(e);
        throw t;
      }
      List<Value> results = op.results();
      for (int k = 0; k < results.size(); k++) {
        if (!defined.add(results.get(k))) {
          throw new TypeException(
              where
                  + name
                  + " with operands "
                  + op.operandTypes()
                  + ": result #"
                  + k
                  + " is already defined (an SSA value is defined once)");
        }
      }
    }
    List<Value> returns = f.returns();
    for (int j = 0; j < returns.size(); j++) {
      if (!defined.contains(returns.get(j))) {
        throw new TypeException(
            "@"
                + f.name()
                + " 'pphlo.return' with operands "
                + f.resultTypes()
                + ": value #"
                + j
                + " is not defined in the function");
      }
    }
  }
}
