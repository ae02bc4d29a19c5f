package lesion.report;

import java.util.List;

/**
 * One kind of figure or table: given a step of a run, the blocks it draws from the step's files,
 * none when the step does not hold its data. A new kind (say, one for the analysis statements) is
 * one class implementing this, listed in {@link HtmlReport#EXHIBITS}.
 */
public interface Exhibit {
    List<Block> of(RunFiles run, StepFiles step);
}
