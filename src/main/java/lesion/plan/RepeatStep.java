package lesion.plan;

import java.util.List;
import lesion.source.Span;

/** Runs its body {@code count} times, each pass continuing from the networks the last one left. */
public record RepeatStep(String id, String statement, Span span, long seed, int count, List<Step> body)
        implements Step {
    public RepeatStep {
        body = List.copyOf(body);
    }

    public String keyword() {
        return "repeat";
    }

    public long variants() {
        return count * body.stream().mapToLong(Step::variants).sum();
    }

    public long forwardPasses() {
        long per = 0;
        for (Step s : body) {
            if (s.forwardPasses() < 0) {
                return -1;
            }
            per += s.forwardPasses();
        }
        return count * per;
    }

    public Tree explain() {
        Tree t = new Tree(heading());
        t.add(count + " passes, each continuing from the last (selection with replacement)");
        for (Step s : body) {
            t.add(s.explain());
        }
        t.add("forward passes: " + Format.count(forwardPasses()));
        return t;
    }
}
