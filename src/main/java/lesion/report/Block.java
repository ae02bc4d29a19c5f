package lesion.report;

/** One thing the report shows for a step: a figure or a table. */
public sealed interface Block permits Figure, Table {
    /** The HTML id, unique in the report: {@code fig-step-2-fates-1}, {@code tab-step-2-variants}. */
    String id();

    /** The kind, used as the HTML class so that tests and style sheets find every block of a kind. */
    String kind();
}
