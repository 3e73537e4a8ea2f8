package dev.spu.tensor;

import dev.spu.tensor.Plain.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A random NumPy-like program over SecretTensor-style ops, evaluated by an {@link Ops} interpreter:
 * the plaintext oracle ({@link Plain}) or SecretTensors (eager or traced).
 *
 * <p>Generation keeps comparisons away from fixed-point rounding: comparison operands are "exact"
 * expressions (integers, and fixed point built only from additions, selections and layout ops on
 * values on a 1/4 grid), so that no predicate can flip on a truncation ulp. Divisors are kept >= 1
 * in magnitude.
 */
final class Program {
  /** One program's input: shape, kind, owner (null = public constant) and values. */
  record Leaf(int[] shape, Kind kind, String owner, double[] data) {}

  /** An expression node. */
  record Node(String op, Node[] kids, int[] ip, int[] ip2, double d, int leaf) {
    @Override
    public String toString() {
      if (op.equals("leaf")) {
        return "x" + leaf;
      }
      StringBuilder sb = new StringBuilder(op).append('(');
      for (int i = 0; i < kids.length; i++) {
        sb.append(i > 0 ? ", " : "").append(kids[i]);
      }
      if (ip != null) {
        sb.append(", ").append(Arrays.toString(ip));
      }
      if (ip2 != null) {
        sb.append(", ").append(Arrays.toString(ip2));
      }
      if (d != 0) {
        sb.append(", ").append(d);
      }
      return sb.append(')').toString();
    }
  }

  interface Ops<T> {
    T leaf(int i);

    T arith(String op, T a, T b);

    T safeDiv(T a, T b);

    T unary(String op, T a);

    T scalar(String op, T a, double s, boolean integral);

    T compare(String op, T a, T b);

    T compareScalar(String op, T a, double s);

    T logic(String op, T a, T b);

    T not(T a);

    T select(T p, T a, T b);

    T reduce(String op, T a, int axis, boolean keep);

    T matmul(T a, T b);

    T transpose(T a, int[] perm);

    T reshape(T a, int[] shape);

    T slice(T a, int axis, int start, int limit);

    T concat(int axis, T a, T b);

    T pad(T a, int[] lo, int[] hi, double v);

    T castFloat(T a);

    T castInt(T a);

    T broadcastTo(T a, int[] shape);

    T get(T a, int i);

    T clamp(T a, double lo, double hi);
  }

  final List<Leaf> leaves = new ArrayList<>();
  final Node root;
  final Kind kind;
  private final Random r;
  private boolean publicOnly;

  Program(long seed) {
    r = new Random(seed);
    int[] shape = randomShape(3);
    int k = r.nextInt(5);
    if (k == 0) {
      kind = Kind.BOOL;
      root = pred(shape, 3);
    } else {
      kind = k <= 2 ? Kind.INT : Kind.FLOAT;
      root = gen(shape, kind, 4, false);
    }
  }

  boolean anySecret() {
    return leaves.stream().anyMatch(l -> l.owner() != null);
  }

  static <T> T eval(Node n, Ops<T> o) {
    Node[] k = n.kids();
    return switch (n.op()) {
      case "leaf" -> o.leaf(n.leaf());
      case "add", "subtract", "multiply", "maximum", "minimum" ->
          o.arith(n.op(), eval(k[0], o), eval(k[1], o));
      case "div" -> o.safeDiv(eval(k[0], o), eval(k[1], o));
      case "negate", "abs" -> o.unary(n.op(), eval(k[0], o));
      case "addS", "mulS" -> o.scalar(n.op(), eval(k[0], o), n.d(), n.ip() != null);
      case "greater", "greater_equal", "less", "less_equal", "equal", "not_equal" ->
          k.length == 2
              ? o.compare(n.op(), eval(k[0], o), eval(k[1], o))
              : o.compareScalar(n.op(), eval(k[0], o), n.d());
      case "and", "or", "xor" -> o.logic(n.op(), eval(k[0], o), eval(k[1], o));
      case "not" -> o.not(eval(k[0], o));
      case "select" -> o.select(eval(k[0], o), eval(k[1], o), eval(k[2], o));
      case "sum", "mean", "max", "min" ->
          o.reduce(n.op(), eval(k[0], o), n.ip()[0], n.ip()[1] == 1);
      case "matmul" -> o.matmul(eval(k[0], o), eval(k[1], o));
      case "transpose" -> o.transpose(eval(k[0], o), n.ip());
      case "reshape" -> o.reshape(eval(k[0], o), n.ip());
      case "slice" -> o.slice(eval(k[0], o), n.ip()[0], n.ip()[1], n.ip()[2]);
      case "concat" -> o.concat(n.ip()[0], eval(k[0], o), eval(k[1], o));
      case "pad" -> o.pad(eval(k[0], o), n.ip(), n.ip2(), n.d());
      case "castFloat" -> o.castFloat(eval(k[0], o));
      case "castInt" -> o.castInt(eval(k[0], o));
      case "broadcastTo" -> o.broadcastTo(eval(k[0], o), n.ip());
      case "get" -> o.get(eval(k[0], o), n.ip()[0]);
      case "clamp" ->
          o.clamp(
              eval(k[0], o),
              n.ip2() == null ? n.d() : n.ip2()[0],
              n.ip2() == null ? n.d() + 2 : n.ip2()[1]);
      default -> throw new IllegalStateException(n.op());
    };
  }

  // ------------------------------------------------------------------ generation

  private static Node node(String op, int[] ip, int[] ip2, double d, Node... kids) {
    return new Node(op, kids, ip, ip2, d, -1);
  }

  private int[] randomShape(int maxRank) {
    int rank = r.nextInt(maxRank + 1);
    int[] s = new int[rank];
    for (int i = 0; i < rank; i++) {
      s[i] = 1 + r.nextInt(4);
    }
    return s;
  }

  /** A shape that broadcasts to {@code s}: leading dims dropped and/or dims set to 1. */
  private int[] broadcastable(int[] s) {
    if (r.nextInt(3) == 0) {
      return s.clone();
    }
    int drop = r.nextInt(s.length + 1);
    int[] b = Arrays.copyOfRange(s, drop, s.length);
    for (int i = 0; i < b.length; i++) {
      if (r.nextInt(3) == 0) {
        b[i] = 1;
      }
    }
    return b;
  }

  private Node leaf(int[] shape, Kind kind) {
    int n = Plain.size(shape);
    double[] v = new double[n];
    boolean zeros = r.nextInt(12) == 0;
    for (int i = 0; i < n; i++) {
      v[i] = zeros ? 0 : kind == Kind.INT ? r.nextInt(11) - 5 : (r.nextInt(33) - 16) / 4.0;
    }
    String owner = !publicOnly && r.nextInt(5) < 3 ? (r.nextBoolean() ? "alice" : "bob") : null;
    leaves.add(new Leaf(shape.clone(), kind, owner, v));
    return new Node("leaf", new Node[0], null, null, 0, leaves.size() - 1);
  }

  private Kind childKind(Kind target) {
    return target == Kind.INT ? Kind.INT : (r.nextInt(3) == 0 ? Kind.INT : Kind.FLOAT);
  }

  /** An expression of exactly {@code shape} and kind (INT or FLOAT). */
  Node gen(int[] shape, Kind kind, int depth, boolean exact) {
    if (depth <= 0 || r.nextInt(6) == 0) {
      return leaf(shape, kind);
    }
    boolean f = kind == Kind.FLOAT;
    int rank = shape.length;
    for (int attempt = 0; attempt < 20; attempt++) {
      switch (r.nextInt(19)) {
        case 0, 1 -> {
          String[] ops = {"add", "subtract", "multiply", "maximum", "minimum"};
          String op = ops[r.nextInt(ops.length)];
          if (op.equals("multiply") && f && exact) {
            continue;
          }
          Node a = gen(shape, kind, depth - 1, exact);
          Node b = gen(broadcastable(shape), childKind(kind), depth - 1, exact);
          return r.nextBoolean() ? node(op, null, null, 0, a, b) : node(op, null, null, 0, b, a);
        }
        case 2 -> {
          if (!f || exact) {
            continue;
          }
          Node a = gen(shape, childKind(kind), depth - 1, false);
          // Division by a secret awaits the kernels' reciprocal: keep divisors public for now.
          boolean outer = publicOnly;
          publicOnly = true;
          Node b = gen(broadcastable(shape), childKind(kind), depth - 1, false);
          publicOnly = outer;
          // A float numerator keeps the result float whatever the kinds.
          return node("div", null, null, 0, a, b);
        }
        case 3 -> {
          return node(
              r.nextBoolean() ? "negate" : "abs",
              null,
              null,
              0,
              gen(shape, kind, depth - 1, exact));
        }
        case 4 -> {
          boolean mul = r.nextBoolean();
          if (mul && f && exact) {
            continue;
          }
          Node a = gen(shape, kind, depth - 1, exact);
          if (f) {
            double s = (r.nextInt(17) - 8) / 4.0;
            return node(mul ? "mulS" : "addS", null, null, s == 0 ? 0.25 : s, a);
          }
          long s = r.nextInt(7) - 3;
          return node(mul ? "mulS" : "addS", new int[0], null, s == 0 ? 2 : s, a);
        }
        case 5, 6 -> {
          Node p = pred(broadcastable(shape), depth - 1);
          Node a = gen(shape, kind, depth - 1, exact);
          Node b =
              gen(
                  broadcastable(shape),
                  kind == Kind.INT ? Kind.INT : childKind(kind),
                  depth - 1,
                  exact);
          return node("select", null, null, 0, p, a, b);
        }
        case 7, 8 -> {
          String[] ops =
              f && !exact
                  ? new String[] {"sum", "mean", "max", "min"}
                  : new String[] {"sum", "max", "min"};
          String op = ops[r.nextInt(ops.length)];
          if (rank >= 4) {
            continue;
          }
          boolean keep = r.nextBoolean();
          int axis;
          int[] child;
          int k = 1 + r.nextInt(4);
          if (keep) {
            List<Integer> ones = new ArrayList<>();
            for (int i = 0; i < rank; i++) {
              if (shape[i] == 1) {
                ones.add(i);
              }
            }
            if (ones.isEmpty()) {
              continue;
            }
            axis = ones.get(r.nextInt(ones.size()));
            child = shape.clone();
            child[axis] = k;
          } else {
            axis = r.nextInt(rank + 1);
            child = new int[rank + 1];
            for (int i = 0, j = 0; i <= rank; i++) {
              child[i] = i == axis ? k : shape[j++];
            }
          }
          Kind ck = op.equals("mean") ? childKind(kind) : kind;
          return node(
              op, new int[] {axis, keep ? 1 : 0}, null, 0, gen(child, ck, depth - 1, exact));
        }
        case 9 -> {
          if (f && exact) {
            continue;
          }
          Node[] ab = matmulOperands(shape, kind, depth - 1);
          if (ab == null) {
            continue;
          }
          return node("matmul", null, null, 0, ab[0], ab[1]);
        }
        case 10 -> {
          if (rank < 2) {
            continue;
          }
          int[] perm = permutation(rank);
          int[] child = new int[rank];
          for (int i = 0; i < rank; i++) {
            child[perm[i]] = shape[i];
          }
          return node("transpose", perm, null, 0, gen(child, kind, depth - 1, exact));
        }
        case 11 -> {
          int n = Plain.size(shape);
          int[] child = r.nextBoolean() ? new int[] {n} : reversed(shape);
          return node("reshape", shape.clone(), null, 0, gen(child, kind, depth - 1, exact));
        }
        case 12 -> {
          if (rank == 0) {
            continue;
          }
          int axis = r.nextInt(rank);
          int extra = r.nextInt(3);
          int start = r.nextInt(extra + 1);
          int[] child = shape.clone();
          child[axis] += extra;
          return node(
              "slice",
              new int[] {axis, start, start + shape[axis]},
              null,
              0,
              gen(child, kind, depth - 1, exact));
        }
        case 13 -> {
          if (rank == 0) {
            continue;
          }
          int axis = r.nextInt(rank);
          if (shape[axis] < 2) {
            continue;
          }
          int cut = 1 + r.nextInt(shape[axis] - 1);
          int[] s1 = shape.clone();
          int[] s2 = shape.clone();
          s1[axis] = cut;
          s2[axis] = shape[axis] - cut;
          Kind k1 = childKind(kind);
          Kind k2 = k1 == Kind.FLOAT ? childKind(kind) : kind;
          return node(
              "concat",
              new int[] {axis},
              null,
              0,
              gen(s1, k1, depth - 1, exact),
              gen(s2, k2, depth - 1, exact));
        }
        case 14 -> {
          int[] lo = new int[rank];
          int[] hi = new int[rank];
          int[] child = shape.clone();
          for (int i = 0; i < rank; i++) {
            int room = shape[i] - 1;
            lo[i] = room > 0 ? r.nextInt(Math.min(room, 2) + 1) : 0;
            hi[i] = room - lo[i] > 0 ? r.nextInt(Math.min(room - lo[i], 2) + 1) : 0;
            child[i] = shape[i] - lo[i] - hi[i];
          }
          double v = f ? (r.nextInt(9) - 4) / 4.0 : r.nextInt(9) - 4;
          return node("pad", lo, hi, v, gen(child, kind, depth - 1, exact));
        }
        case 15 -> {
          if (f) {
            return node("castFloat", null, null, 0, gen(shape, Kind.INT, depth - 1, exact));
          }
          return node("castInt", null, null, 0, pred(shape, depth - 1));
        }
        case 16 -> {
          return node(
              "broadcastTo",
              shape.clone(),
              null,
              0,
              gen(broadcastable(shape), kind, depth - 1, exact));
        }
        case 17 -> {
          if (rank >= 4) {
            continue;
          }
          int k = 1 + r.nextInt(3);
          int[] child = new int[rank + 1];
          child[0] = k;
          System.arraycopy(shape, 0, child, 1, rank);
          return node(
              "get", new int[] {r.nextInt(2 * k) - k}, null, 0, gen(child, kind, depth - 1, exact));
        }
        default -> {
          if (f) {
            double lo = (r.nextInt(9) - 6) / 4.0;
            return node("clamp", null, null, lo, gen(shape, kind, depth - 1, exact));
          }
          int lo = r.nextInt(5) - 3;
          return node(
              "clamp",
              null,
              new int[] {lo, lo + 1 + r.nextInt(4)},
              0,
              gen(shape, kind, depth - 1, exact));
        }
      }
    }
    return leaf(shape, kind);
  }

  /** A predicate (i1) of exactly {@code shape}. */
  Node pred(int[] shape, int depth) {
    String[] cmps = {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal"};
    int c = depth <= 0 ? 0 : r.nextInt(5);
    if (c <= 2) {
      String op = cmps[r.nextInt(cmps.length)];
      Kind ka = r.nextBoolean() ? Kind.INT : Kind.FLOAT;
      Node a = gen(shape, ka, depth - 1, true);
      if (c == 2) {
        double s = ka == Kind.INT ? r.nextInt(5) - 2 : (r.nextInt(9) - 4) / 4.0;
        return node(op, null, null, s, a);
      }
      Node b = gen(broadcastable(shape), r.nextBoolean() ? Kind.INT : Kind.FLOAT, depth - 1, true);
      return r.nextBoolean() ? node(op, null, null, 0, a, b) : node(op, null, null, 0, b, a);
    }
    if (c == 3) {
      return node("not", null, null, 0, pred(shape, depth - 1));
    }
    String[] ops = {"and", "or", "xor"};
    Node a = pred(shape, depth - 1);
    Node b = pred(broadcastable(shape), depth - 1);
    return node(ops[r.nextInt(3)], null, null, 0, a, b);
  }

  private Node[] matmulOperands(int[] s, Kind kind, int depth) {
    int k = 1 + r.nextInt(4);
    Kind ka = childKind(kind);
    Kind kb = ka == Kind.FLOAT ? childKind(kind) : kind;
    switch (s.length) {
      case 0 -> {
        return new Node[] {
          gen(new int[] {k}, ka, depth, false), gen(new int[] {k}, kb, depth, false)
        };
      }
      case 1 -> {
        if (r.nextBoolean()) {
          return new Node[] {
            gen(new int[] {k}, ka, depth, false), gen(new int[] {k, s[0]}, kb, depth, false)
          };
        }
        return new Node[] {
          gen(new int[] {s[0], k}, ka, depth, false), gen(new int[] {k}, kb, depth, false)
        };
      }
      case 2 -> {
        return new Node[] {
          gen(new int[] {s[0], k}, ka, depth, false), gen(new int[] {k, s[1]}, kb, depth, false)
        };
      }
      case 3 -> {
        int[] la = r.nextBoolean() ? new int[] {s[0], s[1], k} : new int[] {1, s[1], k};
        int[] lb = r.nextBoolean() ? new int[] {k, s[2]} : new int[] {s[0], k, s[2]};
        if (la[0] == 1 && lb.length == 2) {
          la[0] = s[0];
        }
        return new Node[] {gen(la, ka, depth, false), gen(lb, kb, depth, false)};
      }
      default -> {
        return null;
      }
    }
  }

  private int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static int[] reversed(int[] s) {
    int[] o = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      o[i] = s[s.length - 1 - i];
    }
    return o;
  }
}
