/**
 * {@code lesion bench}: named workloads that time Lesion's sweep and recovery against the naive DL4J way on the
 * same work, count the least FLOPs the work needs, and relate both to the machine's measured matrix-multiply rate.
 * Not part of the test suite. Like every package outside {@code lesion.engine}, it does not import DL4J or ND4J.
 */
package lesion.bench;
