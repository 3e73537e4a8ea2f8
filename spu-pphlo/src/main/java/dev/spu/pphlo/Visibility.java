package dev.spu.pphlo;

/** Who may see a tensor's value: every party (public) or no single party (secret). */
public enum Visibility {
  PUBLIC("pub"),
  SECRET("sec");

  private final String mlirName;

  Visibility(String mlirName) {
    this.mlirName = mlirName;
  }

  /** {@code pub} or {@code sec}, as in {@code !pphlo.sec<i32>}. */
  public String mlirName() {
    return mlirName;
  }

  /** Visibility narrowing (paper, §3.2): any secret operand makes the result secret. */
  public static Visibility narrow(Visibility a, Visibility b) {
    return a == SECRET || b == SECRET ? SECRET : PUBLIC;
  }

  public boolean isSecret() {
    return this == SECRET;
  }
}
