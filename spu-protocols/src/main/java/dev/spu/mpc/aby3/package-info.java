/**
 * ABY3 (Mohassel and Rindal, CCS 2018): three-party replicated secret sharing over Z_2^64,
 * semi-honest, honest majority. Entry point: {@link dev.spu.mpc.aby3.Aby3Factory} (registered in
 * {@link dev.spu.mpc.Protocols} as {@code aby3}).
 *
 * <p><b>Security model.</b> Any single party's view (its shares and every message it receives) is
 * independent of the secrets: every message is masked by PRSS randomness from a key its receiver
 * does not hold. Two colluding parties hold all three components and learn everything. Parties are
 * assumed to follow the protocol (no MACs, no abort on cheating).
 *
 * <p><b>Set-up.</b> {@code create(ctx)} agrees the PRSS keys under op id 0: party i samples k_i
 * (SecureRandom unless a test seed is given) and sends it to party i−1 (16 bytes, 1 round).
 *
 * <p><b>Online cost per call on n elements</b> (bytes sent by the busiest party, rounds), equal to
 * what the link measures (tests: {@code Aby3CommunicationTest}):
 *
 * <table>
 *   <caption>ABY3 costs</caption>
 *   <tr><th>primitive</th><th>P0</th><th>P1, P2</th><th>rounds</th></tr>
 *   <tr><td>mulAA, andBB, open</td><td>8n</td><td>8n</td><td>1</td></tr>
 *   <tr><td>matmulAA (m×k)(k×n)</td><td>8mn</td><td>8mn</td><td>1</td></tr>
 *   <tr><td>truncA (wrap-free on |x| &lt; 2^62)</td><td>16n</td><td>16n</td><td>2</td></tr>
 *   <tr><td>a2b</td><td>104n</td><td>96n</td><td>7</td></tr>
 *   <tr><td>msbA</td><td>16n + tree ≈ 31.6n</td><td>8n + tree ≈ 23.6n</td><td>7</td></tr>
 *   <tr><td>b2a</td><td>120n</td><td>96n</td><td>7</td></tr>
 *   <tr><td>bitToA</td><td>16n</td><td>8n</td><td>1</td></tr>
 *   <tr><td>linear ops, mulAP, matmulAP/PA, xor/and with public, shifts</td><td>0</td><td>0</td>
 *       <td>0</td></tr>
 * </table>
 *
 * <p>msb's tree: 8·(2⌈n/2⌉ + 2⌈n/4⌉ + 2⌈n/8⌉ + 2⌈n/16⌉ + 2⌈n/32⌉ + ⌈n/64⌉) bytes. A reveal to the
 * driver costs 8n per party.
 *
 * <p><b>Input sharing</b> (counted in program totals, not in the primitive figures above): the
 * owner holds two seeds, s_a (shared with P0 and P2) and s_b (shared with P0 and P1), handed over
 * once at its first input (64 bytes). For an input with tag t, x0 = F(s_a, t) and x1 = F(s_b, t)
 * come from the seeds and only x2 = x − x0 − x1 travels, to P1 and P2: the owner sends 16n bytes
 * per input in all (instead of 48n for sending every pair; P0 gets an empty message that keeps its
 * round clock in step), the parties send nothing, 1 round. Each party's view stays independent of
 * x: P0 sees only seeds, P1 and P2 see x2, masked by the component of the seed they lack.
 *
 * <p><b>Truncation</b> is probabilistic (stochastic rounding: ⌊x/2^f⌋ + 1 with probability (x mod
 * 2^f)/2^f), never wraps for x ∈ [−2^62, 2^62), P2 acting as helper (see {@code
 * Aby3Protocol#truncA}). <b>Bit decomposition</b> uses one first layer that gives P0's x0 + x1 a
 * boolean sharing and computes the generate bits with x2 in the same round, then a Kogge–Stone
 * prefix (six AND rounds); msb uses a reduction tree on packed bit streams instead; b2a reuses the
 * adder and merges its last level with the opening of the masked value.
 */
package dev.spu.mpc.aby3;
