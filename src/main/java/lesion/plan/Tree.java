package lesion.plan;

import java.util.ArrayList;
import java.util.List;

/** A labelled node of an explain tree; rendered with ASCII branches so that any terminal shows it. */
public final class Tree {
    private final String label;
    private final List<Tree> children = new ArrayList<>();

    public Tree(String label) {
        this.label = label;
    }

    public Tree add(String childLabel) {
        children.add(new Tree(childLabel));
        return this;
    }

    public Tree add(Tree child) {
        children.add(child);
        return this;
    }

    public String render() {
        StringBuilder out = new StringBuilder(label).append('\n');
        renderChildren(out, "");
        return out.toString();
    }

    private void renderChildren(StringBuilder out, String prefix) {
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            Tree child = children.get(i);
            out.append(prefix).append(last ? "`-- " : "|-- ").append(child.label).append('\n');
            child.renderChildren(out, prefix + (last ? "    " : "|   "));
        }
    }
}
