package lesion.report;

/**
 * A drawn figure: its id and kind (see {@link Block}), a title, a caption saying what was computed
 * from which file, and the figure as an inline SVG element.
 */
public record Figure(String id, String kind, String title, String caption, String svg) implements Block {
}
