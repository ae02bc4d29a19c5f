package lesion.check;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import lesion.ast.Duration;
import lesion.ast.Freeze;
import lesion.ast.IntLit;
import lesion.ast.PercentLit;
import lesion.ast.Selection;
import lesion.ast.Statement;
import lesion.ast.Word;
import lesion.source.Diagnostics;

/**
 * Checks the statements after the set-up in order, remembering what earlier statements made
 * (an {@code ablate} for {@code recover}, single and pair sweeps for the analyses).
 */
final class ExperimentChecker {
    private final Setup setup;
    private final Diagnostics out;
    private final LayerResolver resolver;
    /** Layers that have had an {@code each} sweep, and a {@code pairs} sweep, so far. */
    private final Set<Integer> singles = new HashSet<>();
    private final Set<Integer> pairs = new HashSet<>();
    private Statement.Ablate lastAblate;
    private List<LayerInfo> lastAblatedLayers = List.of();

    ExperimentChecker(Setup setup, Diagnostics out) {
        this.setup = setup;
        this.out = out;
        this.resolver = setup.layers() == null ? null : new LayerResolver(setup.layers());
    }

    void check(List<Statement> statements) {
        checkAll(statements, false);
    }

    private void checkAll(List<Statement> statements, boolean inRepeat) {
        for (Statement s : statements) {
            if (Checker.isSetup(s)) {
                if (inRepeat) {
                    out.error(s.span(), "'" + s.keyword() + "' cannot be inside a repeat block");
                }
                continue;
            }
            checkOne(s, inRepeat);
        }
    }

    private void checkOne(Statement s, boolean inRepeat) {
        if (s instanceof Statement.Ablate a) {
            checkAblate(a);
        } else if (s instanceof Statement.Recover r) {
            checkRecover(r);
        } else if (s instanceof Statement.Restore) {
            lastAblate = null;
        } else if (s instanceof Statement.Repeat r) {
            checkRepeat(r, inRepeat);
        } else if (s instanceof Statement.Importance imp) {
            if (setup.train() == null) {
                out.error(imp.span(), "'importance' compares the weights before and after training, but the study has no 'train'");
            }
            analysisLayer(imp.layer(), imp.span(), "importance", true, false);
        } else if (s instanceof Statement.Redundancy red) {
            analysisLayer(red.layer(), red.span(), "redundancy", true, true);
        } else if (s instanceof Statement.Selectivity sel) {
            analysisLayer(sel.layer(), sel.span(), "selectivity", true, false);
        } else if (s instanceof Statement.Report rep) {
            if (rep.dir().value().isBlank()) {
                out.error(rep.dir().span(), "the report folder is empty");
            }
        }
        // evaluate and embed need nothing beyond the set-up.
    }

    private void checkRepeat(Statement.Repeat r, boolean inRepeat) {
        Checker.count(r.count(), "the number of passes", Checker.MAX_PASSES, out);
        if (inRepeat) {
            out.error(r.span(), "repeat blocks cannot be nested");
        }
        if (r.body().stream().noneMatch(b -> b instanceof Statement.Ablate)) {
            out.error(r.span(), "a repeat block needs an 'ablate' to repeat");
        }
        checkAll(r.body(), true);
    }

    private void checkAblate(Statement.Ablate a) {
        lastAblate = a;
        lastAblatedLayers = List.of();
        if (a.method() != null && a.method().sigma() != null && a.method().sigma().value() <= 0) {
            out.error(a.method().sigma().span(), "the noise's standard deviation must be above 0");
        }
        if (resolver == null) {
            return;
        }
        List<LayerInfo> layers = resolver.resolveAblatable(a.target(), out);
        lastAblatedLayers = layers;
        long variants = 0;
        checkSelectionItself(a.selection());
        Word noun = a.selection().noun();
        layers.stream().filter(l -> !l.isConv()).findFirst().ifPresent(dense -> {
            if (noun != null && noun.is("filters")) {
                // 'units' is the general word (a conv layer's units are its filters); 'filters' claims convolutions
                out.error(noun.span(), "'filters' selects the filters of convolutions, but layer " + dense.index()
                        + " (" + dense.name() + ") is a " + dense.type() + " layer with units",
                        layers.size() == 1 ? "write 'units'" : "write 'units', which fits every kind of layer");
            }
        });
        for (LayerInfo layer : layers) {
            variants += variants(a.selection(), layer.units());
            checkSelection(a.selection(), layer);
            if (a.selection() instanceof Selection.Each) {
                singles.add(layer.index());
            } else if (a.selection() instanceof Selection.Pairs) {
                pairs.add(layer.index());
            }
        }
        if (variants > Checker.MAX_VARIANTS) {
            out.error(a.selection().span(), String.format(Locale.ROOT,
                    "this makes %,d variants; one ablate may make at most %,d", variants, Checker.MAX_VARIANTS),
                    "choose fewer units or layers, or sample (for example 'groups 10% by similarity sample 50')");
        }
        boolean zero = a.method() == null || a.method().kind().is("zero");
        if (zero && layers.stream().anyMatch(LayerInfo::batchNormAfter)) {
            out.warning(a.target().span(), "zeroing a filter before a batch normalisation does not silence it: "
                    + "the normalisation's shift stays", "'using mask' forces the output to 0");
        }
        if (a.selection() instanceof Selection.Ranked r && r.criterion().is("mannwhitney") && setup.train() == null) {
            out.error(r.criterion().span(), "'by mannwhitney' compares the weights before and after training, but the study has no 'train'");
        }
    }

    /** How many variants a selection makes on a layer of {@code n} units (as the plan will count them). */
    private static long variants(Selection sel, int n) {
        if (sel instanceof Selection.Each) {
            return n;
        }
        if (sel instanceof Selection.Pairs) {
            return (long) n * (n - 1) / 2;
        }
        if (sel instanceof Selection.Random r) {
            return r.fractions().size() * (r.repeat() == null ? 1 : Math.max(1, r.repeat().value()));
        }
        if (sel instanceof Selection.Ranked r) {
            return r.fractions().size();
        }
        if (sel instanceof Selection.Similar s) {
            return s.fractions().size() * (s.sample() == null ? n : Math.max(1, s.sample().value()));
        }
        return 1;
    }

    private void checkSelection(Selection sel, LayerInfo layer) {
        int n = layer.units();
        String where = "layer " + layer.index() + " has " + n + " " + layer.unitNoun();
        if (sel instanceof Selection.Listed listed) {
            Set<Long> seen = new HashSet<>();
            for (IntLit u : listed.units()) {
                if (u.value() < 0 || u.value() >= n) {
                    out.error(u.span(), String.format(Locale.ROOT, "%s %d does not exist: %s (0..%d)",
                            singular(layer), u.value(), where, n - 1));
                } else if (!seen.add(u.value())) {
                    out.error(u.span(), singular(layer) + " " + u.value() + " is listed twice");
                }
            }
        } else if (sel instanceof Selection.Range range) {
            for (IntLit u : List.of(range.from(), range.to())) {
                if (u.value() < 0 || u.value() >= n) {
                    out.error(u.span(), String.format(Locale.ROOT, "%s %d does not exist: %s (0..%d)",
                            singular(layer), u.value(), where, n - 1));
                }
            }
            if (range.from().value() > range.to().value()) {
                out.error(range.from().span().to(range.to().span()),
                        "the range " + range.from().value() + ".." + range.to().value() + " is empty",
                        "write the lower number first");
            }
        } else if (sel instanceof Selection.Pairs p) {
            if (n < 2) {
                out.error(p.span(), "pairs need at least 2 " + layer.unitNoun() + ", but layer " + layer.index()
                        + " has only " + n);
            }
        } else if (sel instanceof Selection.Similar s) {
            if (s.sample() != null) {
                if (s.sample().value() > n) {
                    out.error(s.sample().span(), "cannot sample " + s.sample().value() + " references: " + where);
                }
            }
        }
    }

    /** What a selection says whatever the layer (percentages, counts): checked once per statement. */
    private void checkSelectionItself(Selection sel) {
        if (sel instanceof Selection.Random r) {
            percentages(r.fractions());
            if (r.repeat() != null) {
                Checker.count(r.repeat(), "the number of random groups", Checker.MAX_GROUPS, out);
            }
        } else if (sel instanceof Selection.Ranked r) {
            percentages(r.fractions());
        } else if (sel instanceof Selection.Similar s) {
            percentages(s.fractions());
            if (s.sample() != null) {
                Checker.count(s.sample(), "the number of sampled references", Integer.MAX_VALUE, out);
            }
        }
    }

    private void percentages(List<PercentLit> fractions) {
        Set<Double> seen = new HashSet<>();
        for (PercentLit p : fractions) {
            if (p.percent() <= 0 || p.percent() > 100) {
                out.error(p.span(), "a percentage must be above 0% and at most 100%");
            } else if (!seen.add(p.percent())) {
                out.error(p.span(), p.text() + " is listed twice");
            }
        }
    }

    private void checkRecover(Statement.Recover r) {
        if (lastAblate == null) {
            out.error(r.span(), "'recover' retrains the variants of an 'ablate', but none comes before it",
                    "put an 'ablate' before it (a 'restore' in between also forgets the variants)");
        }
        if (r.duration() instanceof Duration.Epochs e) {
            Checker.count(e.epochs(), "the number of epochs", Checker.MAX_EPOCHS, out);
        } else if (r.duration() instanceof Duration.Plateau p) {
            if (p.min() != null) {
                Checker.count(p.min(), "the minimum number of epochs", Checker.MAX_EPOCHS, out);
            }
            if (p.max() != null) {
                Checker.count(p.max(), "the maximum number of epochs", Checker.MAX_EPOCHS, out);
            }
            if (p.patience() != null) {
                Checker.count(p.patience(), "the patience", Checker.MAX_EPOCHS, out);
            }
            if (p.delta() != null && (p.delta().percent() <= 0 || p.delta().percent() > 100)) {
                out.error(p.delta().span(), "the delta must be above 0% and at most 100%");
            }
            if (p.min() != null && p.max() != null && p.min().value() > p.max().value()) {
                out.error(p.max().span(), "the maximum (" + p.max().value() + " epochs) is below the minimum ("
                        + p.min().value() + ")");
            }
        }
        if (r.lr() != null) {
            Checker.checkRate(r.lr(), out);
        }
        if (r.batch() != null) {
            Checker.count(r.batch(), "the batch size", Checker.MAX_BATCH, out);
        }
        if (r.optimizer() != null) {
            Checker.checkOptimizer(r.optimizer(), out);
        }
        Freeze f = r.freeze();
        if (f != null && f.from() != null && resolver != null) {
            Optional<LayerInfo> from = resolver.resolve(f.from(), out);
            Optional<LayerInfo> to = resolver.resolve(f.to(), out);
            if (from.isPresent() && to.isPresent() && from.get().index() > to.get().index()) {
                out.error(f.span(), "the range " + from.get().index() + ".." + to.get().index() + " is empty");
            }
            if (from.isPresent() && to.isPresent()) {
                for (LayerInfo l : lastAblatedLayers) {
                    if (l.index() >= from.get().index() && l.index() <= to.get().index()) {
                        out.warning(f.span(), "the ablated layer " + l.index() + " is frozen: its other units will not retrain");
                    }
                }
            }
        }
    }

    private void analysisLayer(lesion.ast.LayerRef ref, lesion.source.Span span, String what, boolean needSingles,
            boolean needPairs) {
        if (resolver == null) {
            return;
        }
        Optional<LayerInfo> layer = resolver.resolveAblatable(ref, out);
        if (layer.isEmpty()) {
            return;
        }
        int i = layer.get().index();
        if (needSingles && !singles.contains(i)) {
            out.error(span, "'" + what + "' uses the single-unit ablations of layer " + i + ", but none come before it",
                    "add 'ablate layer " + i + " units each;' before it");
        }
        if (needPairs && !pairs.contains(i)) {
            out.error(span, "'" + what + "' uses the pair ablations of layer " + i + ", but none come before it",
                    "add 'ablate layer " + i + " units pairs;' before it");
        }
    }

    private static String singular(LayerInfo layer) {
        return layer.isConv() ? "filter" : "unit";
    }
}
