package lesion.bench;

/** A named benchmark: runs its work, timing Lesion and the naive way, and returns its figures. */
interface Workload {

    /** The name on the command line. */
    String name();

    Report run(BenchContext context);
}
