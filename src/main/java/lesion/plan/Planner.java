package lesion.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lesion.ast.Duration;
import lesion.ast.IntLit;
import lesion.ast.ModelSpec;
import lesion.ast.Optimizer;
import lesion.ast.PercentLit;
import lesion.ast.Selection;
import lesion.ast.Statement;
import lesion.ast.Study;
import lesion.check.Checker;
import lesion.check.LayerInfo;
import lesion.check.LayerResolver;
import lesion.check.Proportion;
import lesion.check.Setup;
import lesion.parse.Canonical;
import lesion.source.Diagnostics;

/**
 * Compiles a study that passed the checker into a {@link Plan}. It assumes the study is valid
 * (it throws {@link IllegalStateException} otherwise): checking is the checker's job.
 */
public final class Planner {
    private final Study study;
    private final Setup setup;
    private final Path baseDir;
    private final Map<String, Integer> occurrences = new HashMap<>();
    private LayerResolver resolver;
    private long lastVariants;
    private MethodPlan lastMethod = MethodPlan.ZERO;
    private DataPlan data;
    private TrainPlan train;

    public Planner(Study study, Setup setup, Path baseDir) {
        this.study = study;
        this.setup = setup;
        this.baseDir = baseDir;
    }

    public Plan plan() {
        if (setup == null || setup.data() == null || setup.model() == null || setup.layers() == null) {
            throw new IllegalStateException("the planner needs a checked study with data and a model");
        }
        resolver = new LayerResolver(setup.layers());
        data = dataPlan(setup.data());
        train = setup.train() == null ? null : trainPlan(setup.train().epochs().intValue(), setup.train().batch(),
                setup.train().optimizer(), null);
        List<Step> steps = new ArrayList<>();
        int n = 0;
        for (Statement s : study.statements()) {
            if (!Checker.isSetup(s)) {
                steps.add(step(s, Integer.toString(++n), ""));
            }
        }
        return new Plan(setup.title(), study.source().name(), baseDir, setup.seed(), setup.seedWritten(), data,
                modelPlan(), train, setup.instances(), steps);
    }

    private Step step(Statement s, String id, String keyPrefix) {
        String text = normalised(s);
        String key = keyPrefix + text;
        int occurrence = occurrences.merge(key, 1, Integer::sum) - 1;
        long seed = Seeds.derive(setup.seed(), key + "#" + occurrence);
        long test = data.testCount();
        if (s instanceof Statement.Evaluate) {
            return new EvaluateStep(id, text, s.span(), seed, test);
        }
        if (s instanceof Statement.Ablate a) {
            return ablate(a, id, text, seed, test);
        }
        if (s instanceof Statement.Recover r) {
            return recover(r, id, text, seed);
        }
        if (s instanceof Statement.Restore) {
            return new RestoreStep(id, text, s.span(), seed);
        }
        if (s instanceof Statement.Repeat r) {
            List<Step> body = new ArrayList<>();
            int k = 0;
            for (Statement b : r.body()) {
                body.add(step(b, id + "." + (++k), key + "/"));
            }
            return new RepeatStep(id, text.substring(0, text.indexOf('{')).trim() + " { … }", s.span(), seed,
                    r.count().intValue(), body);
        }
        if (s instanceof Statement.Importance imp) {
            return new AnalysisStep(id, text, s.span(), seed, "importance", layer(imp.layer()));
        }
        if (s instanceof Statement.Redundancy red) {
            return new AnalysisStep(id, text, s.span(), seed, "redundancy", layer(red.layer()));
        }
        if (s instanceof Statement.Selectivity sel) {
            return new AnalysisStep(id, text, s.span(), seed, "selectivity", layer(sel.layer()));
        }
        if (s instanceof Statement.Embed e) {
            return new EmbedStep(id, text, s.span(), seed, e.method().text(), test);
        }
        if (s instanceof Statement.Report rep) {
            return new ReportStep(id, text, s.span(), seed, Path.of(rep.dir().value()));
        }
        throw new IllegalStateException("no step for '" + s.keyword() + "'");
    }

    private LayerInfo layer(lesion.ast.LayerRef ref) {
        Diagnostics d = new Diagnostics();
        return resolver.resolve(ref, d).orElseThrow(() -> new IllegalStateException("unchecked layer " + ref));
    }

    private AblateStep ablate(Statement.Ablate a, String id, String text, long seed, long test) {
        Diagnostics d = new Diagnostics();
        List<LayerAblation> layers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        MethodPlan method = a.method() == null ? MethodPlan.ZERO
                : new MethodPlan(a.method().kind().text(), a.method().sigma() == null ? 0 : a.method().sigma().value());
        List<String> unsilenced = new ArrayList<>();
        for (LayerInfo layer : resolver.resolveAblatable(a.target(), d)) {
            layers.add(new LayerAblation(layer, selection(a.selection(), layer.units())));
            if (method.kind().equals("zero") && layer.batchNormAfter()) {
                unsilenced.add(Integer.toString(layer.index()));
            }
        }
        if (!unsilenced.isEmpty()) {
            warnings.add("zero does not silence a filter before a batch normalisation (its shift stays), in layer"
                    + (unsilenced.size() == 1 ? " " : "s ") + String.join(", ", unsilenced)
                    + "; the run records whether each ablated filter was silenced");
        }
        if (d.hasErrors()) {
            throw new IllegalStateException("unchecked ablate at " + a.span());
        }
        AblateStep step = new AblateStep(id, text, a.span(), seed, layers, method, warnings, test);
        lastVariants = step.variants();
        lastMethod = method;
        return step;
    }

    static SelectionPlan selection(Selection sel, int units) {
        if (sel instanceof Selection.Listed l) {
            return new SelectionPlan.Units(l.units().stream().mapToInt(IntLit::intValue).sorted().toArray());
        }
        if (sel instanceof Selection.Range r) {
            int from = r.from().intValue();
            int[] us = new int[r.to().intValue() - from + 1];
            for (int i = 0; i < us.length; i++) {
                us[i] = from + i;
            }
            return new SelectionPlan.Units(us);
        }
        if (sel instanceof Selection.Each) {
            return new SelectionPlan.Each(units);
        }
        if (sel instanceof Selection.Pairs) {
            return new SelectionPlan.Pairs(units);
        }
        if (sel instanceof Selection.Random r) {
            return new SelectionPlan.Random(percents(r.fractions()), counts(r.fractions(), units),
                    r.repeat() == null ? 1 : r.repeat().intValue());
        }
        if (sel instanceof Selection.Ranked r) {
            return new SelectionPlan.Ranked(r.criterion().text(), percents(r.fractions()), counts(r.fractions(), units));
        }
        Selection.Similar s = (Selection.Similar) sel;
        return new SelectionPlan.Similar(percents(s.fractions()), counts(s.fractions(), units),
                s.sample() == null ? units : s.sample().intValue(), s.sample() != null);
    }

    private static List<Double> percents(List<PercentLit> fractions) {
        return fractions.stream().map(PercentLit::percent).toList();
    }

    private static int[] counts(List<PercentLit> fractions, int units) {
        return fractions.stream().mapToInt(p -> Proportion.count(p.percent(), units)).toArray();
    }

    private RecoverStep recover(Statement.Recover r, String id, String text, long seed) {
        TrainPlan base = trainPlan(1, r.batch(), r.optimizer(), r.lr());
        boolean plateau = r.duration() instanceof Duration.Plateau;
        int min;
        int max;
        double delta = RecoverStep.PLATEAU_DELTA;
        int patience = RecoverStep.PLATEAU_PATIENCE;
        if (r.duration() instanceof Duration.Plateau p) {
            min = p.min() == null ? RecoverStep.PLATEAU_MIN : p.min().intValue();
            max = p.max() == null ? Math.max(min, RecoverStep.PLATEAU_MAX) : p.max().intValue();
            delta = p.delta() == null ? delta : p.delta().percent();
            patience = p.patience() == null ? patience : p.patience().intValue();
        } else {
            min = ((Duration.Epochs) r.duration()).epochs().intValue();
            max = min;
        }
        String freeze = r.freeze() == null ? "none" : r.freeze().kind().text();
        int from = -1;
        int to = -1;
        if (r.freeze() != null && r.freeze().from() != null) {
            from = layer(r.freeze().from()).index();
            to = layer(r.freeze().to()).index();
        }
        return new RecoverStep(id, text, r.span(), seed, plateau, min, max, delta, patience, base, freeze, from, to,
                r.regrow(), lastMethod, lastVariants, data.trainCount(), data.testCount());
    }

    /** Training settings with defaults: batch 64 and adam 0.001, or those of the study's 'train'. */
    private TrainPlan trainPlan(int epochs, IntLit batch, Optimizer opt, lesion.ast.NumLit lr) {
        int b = batch != null ? batch.intValue() : train != null ? train.batch() : TrainPlan.DEFAULT_BATCH;
        String kind = opt != null ? opt.kind().text() : train != null ? train.optimizer() : "adam";
        double rate = opt != null ? opt.rate().value() : train != null ? train.rate() : TrainPlan.DEFAULT_ADAM_RATE;
        double momentum = opt != null ? (opt.momentum() == null ? 0 : opt.momentum().value())
                : train != null ? train.momentum() : 0;
        if (lr != null) {
            rate = lr.value();
        }
        return new TrainPlan(epochs, b, kind, rate, momentum);
    }

    private DataPlan dataPlan(Statement.Data d) {
        int limitTrain = d.limitTrain() == null ? DataPlan.NO_LIMIT : d.limitTrain().intValue();
        int limitTest = d.limitTest() == null ? DataPlan.NO_LIMIT : d.limitTest().intValue();
        int trainCount = limitTrain != DataPlan.NO_LIMIT ? limitTrain
                : setup.dataShape() == null ? -1 : setup.dataShape().trainCount();
        int testCount = limitTest != DataPlan.NO_LIMIT ? limitTest
                : setup.dataShape() == null ? -1 : setup.dataShape().testCount();
        return new DataPlan(d.source().text(), d.path() == null ? null : Path.of(d.path().value()), limitTrain,
                limitTest, trainCount, testCount);
    }

    private ModelPlan modelPlan() {
        ModelSpec spec = setup.model().spec();
        Path weights = setup.weights() == null ? null : Path.of(setup.weights().path().value());
        String desc = setup.layers().modelDescription();
        if (spec instanceof ModelSpec.Mlp mlp) {
            int[] sizes = mlp.sizes().stream().mapToInt(IntLit::intValue).toArray();
            return new ModelPlan("mlp", desc, setup.layers(), sizes, mlp.activation().text(), mlp.bias(), false, 0,
                    null, weights, null);
        }
        if (spec instanceof ModelSpec.Vgg19 vgg) {
            return new ModelPlan("vgg19", desc, setup.layers(), null, "relu", true, vgg.batchNorm(),
                    vgg.width() == null ? 1.0 : vgg.width().value(), null, weights, null);
        }
        if (spec instanceof ModelSpec.File f) {
            return new ModelPlan("file", "file \"" + f.path().value() + "\"", setup.layers(), null, null, true,
                    false, 0, Path.of(f.path().value()), weights, null);
        }
        if (spec instanceof ModelSpec.Keras k) {
            return new ModelPlan("keras", "keras \"" + k.path().value() + "\"", setup.layers(), null, null, true,
                    false, 0, Path.of(k.path().value()), weights, null);
        }
        ModelSpec.Zoo z = (ModelSpec.Zoo) spec;
        return new ModelPlan("zoo", "zoo " + z.name().text() + " " + z.weights().text(), setup.layers(), null, null,
                true, false, 0, null, weights, z.name().text());
    }

    /** The statement's canonical text: keywords in lower case, no comments or layout (see {@link Canonical}). */
    private String normalised(Statement s) {
        return Canonical.text(study.source().slice(s.span()));
    }
}
