package dev.spu.kernels.runtime.node;

/**
 * A session on a cluster failed: a node failed or was lost, or refused the session. The message
 * names the endpoint that failed first and why (never data); the session is over on every node.
 */
public class ClusterSessionException extends RuntimeException {
  public ClusterSessionException(String message, Throwable cause) {
    super(message, cause);
  }
}
