package lesion.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lesion.ast.IntLit;
import lesion.ast.ModelSpec;
import lesion.ast.NumLit;
import lesion.ast.Optimizer;
import lesion.ast.Statement;
import lesion.ast.StrLit;
import lesion.ast.Study;
import lesion.source.Diagnostics;
import lesion.source.Hints;
import lesion.source.Span;

/**
 * Checks a parsed study against its data and model: set-up written once and before the
 * experiments, numbers in range, layers and units that exist. It collects every diagnostic
 * before stopping; the set-up it finds is returned for the planner.
 */
public final class Checker {
    private static final Set<String> ZOO_MODELS = Set.of("vgg16", "vgg19", "resnet50");

    private final ModelInspector inspector;
    private final Path baseDir;
    /** Why the images of a {@code data idx} folder have no known shape, if they do not. */
    private String idxProblem;

    /** @param baseDir the folder relative paths in the study are resolved against (the study file's folder) */
    public Checker(ModelInspector inspector, Path baseDir) {
        this.inspector = inspector;
        this.baseDir = baseDir;
    }

    /** The result of checking: all diagnostics and, when the set-up itself is sound, the set-up. */
    public record Result(Diagnostics diagnostics, Setup setup) {
        public boolean ok() {
            return !diagnostics.hasErrors();
        }
    }

    public Result check(Study study) {
        Diagnostics out = new Diagnostics();
        if (study.statements().isEmpty()) {
            out.error(Span.NONE, "the study has no statements", "a study needs at least 'data', 'model' and a statement that measures");
            return new Result(out, null);
        }
        Setup setup = checkSetup(study, out);
        new ExperimentChecker(setup, out).check(study.statements());
        return new Result(out, setup);
    }

    private Setup checkSetup(Study study, Diagnostics out) {
        Map<String, Statement> seen = new HashMap<>();
        Statement firstExperiment = null;
        for (Statement s : study.statements()) {
            if (!isSetup(s)) {
                if (firstExperiment == null) {
                    firstExperiment = s;
                }
                continue;
            }
            Statement earlier = seen.putIfAbsent(s.keyword(), s);
            if (earlier != null) {
                out.error(s.span(), "'" + s.keyword() + "' is written twice; the first is at line " + earlier.span().line());
            }
            if (firstExperiment != null) {
                out.error(s.span(), "'" + s.keyword() + "' must come before the experiments",
                        "move it above the '" + firstExperiment.keyword() + "' at line " + firstExperiment.span().line());
            }
        }
        String title = study.source().name().replaceAll("^.*/", "").replaceAll("\\.study$", "");
        if (seen.get("study") instanceof Statement.Title t) {
            title = t.title().value();
            if (title.isBlank()) {
                out.error(t.title().span(), "the study title is empty");
            }
        }
        long seed = 0;
        if (seen.get("seed") instanceof Statement.Seed s) {
            seed = s.value().value();
            if (seed < 0) {
                out.error(s.value().span(), "the seed must not be negative");
            }
        }
        Statement.Data data = (Statement.Data) seen.get("data");
        DataShape shape = data == null ? null : checkData(data, out);
        Statement.Model model = (Statement.Model) seen.get("model");
        LayerTable layers = model == null ? null : checkModel(model, shape, out);
        Statement.Weights weights = (Statement.Weights) seen.get("weights");
        if (weights != null) {
            requireFile(weights.path(), "weights file", out);
            if (model == null) {
                out.error(weights.span(), "'weights' needs a 'model' to load them into");
            }
        }
        Statement.Train train = (Statement.Train) seen.get("train");
        if (train != null) {
            checkTrain(train, out);
        }
        int instances = 1;
        if (seen.get("instances") instanceof Statement.Instances inst) {
            count(inst.count(), "the number of instances", MAX_INSTANCES, out);
            instances = inst.count().intValue();
        }
        if (firstExperiment != null || train != null) {
            Span where = firstExperiment != null ? firstExperiment.span() : train.span();
            String what = firstExperiment != null ? firstExperiment.keyword() : "train";
            if (data == null) {
                out.error(where, "'" + what + "' needs data, but the study has no 'data' statement",
                        "add one at the top, for example: data mnist;");
            }
            if (model == null) {
                out.error(where, "'" + what + "' needs a model, but the study has no 'model' statement",
                        "add one at the top, for example: model mlp 784-20-10-10 relu;");
            }
        } else {
            // only set-up so far: without data and a model there is nothing to plan
            if (data == null) {
                out.error(Span.NONE, "the study has no 'data' statement", "add one, for example: data mnist;");
            }
            if (model == null) {
                out.error(Span.NONE, "the study has no 'model' statement",
                        "add one, for example: model mlp 784-20-10-10 relu;");
            }
        }
        return new Setup(title, seed, seen.containsKey("seed"), data, shape, model, layers, weights, train, instances);
    }

    /** Set-up statements (study, seed, data, model, weights, train, instances) as opposed to experiments. */
    public static boolean isSetup(Statement s) {
        return s instanceof Statement.Title || s instanceof Statement.Seed || s instanceof Statement.Data
                || s instanceof Statement.Model || s instanceof Statement.Weights || s instanceof Statement.Train
                || s instanceof Statement.Instances;
    }

    private DataShape checkData(Statement.Data data, Diagnostics out) {
        DataShape shape = switch (data.source().text()) {
            case "mnist" -> DataShape.MNIST;
            case "fashion" -> DataShape.FASHION;
            default -> null;
        };
        if (data.path() != null) {
            Path dir = resolve(data.path());
            if (!Files.isDirectory(dir)) {
                out.error(data.path().span(), "no folder '" + data.path().value() + "' (looked in " + shown(dir) + ")",
                        "'data idx' wants a folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                                + "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte");
            } else {
                try {
                    shape = IdxHeaders.read(dir);
                } catch (java.io.IOException e) {
                    // the run reads and validates the files in full and says what is wrong; only the shape is unknown
                    idxProblem = e.getMessage();
                }
            }
        }
        if (data.limitTrain() != null) {
            checkLimit(data.limitTrain(), "training", shape == null ? -1 : shape.trainCount(), out);
        }
        if (data.limitTest() != null) {
            checkLimit(data.limitTest(), "test", shape == null ? -1 : shape.testCount(), out);
        }
        return shape;
    }

    private void checkLimit(IntLit limit, String split, int available, Diagnostics out) {
        if (limit.value() < 1) {
            out.error(limit.span(), "the " + split + " limit must be at least 1");
        } else if (available > 0 && limit.value() > available) {
            out.error(limit.span(), String.format(Locale.ROOT, "the %s set has only %,d images", split, available),
                    String.format(Locale.ROOT, "use at most %d, or drop the limit", available));
        }
    }

    private LayerTable checkModel(Statement.Model model, DataShape shape, Diagnostics out) {
        ModelSpec spec = model.spec();
        if (spec instanceof ModelSpec.Mlp mlp) {
            return checkMlp(mlp, shape, out);
        }
        if (spec instanceof ModelSpec.Vgg19 vgg) {
            double width = vgg.width() == null ? 1.0 : vgg.width().value();
            if (vgg.width() != null && (width <= 0 || width > 4)) {
                out.error(vgg.width().span(), "the width must be above 0 and at most 4");
                return null;
            }
            if (shape == null) {
                if (idxProblem != null) {
                    out.error(vgg.span(), "cannot lay out vgg19 for the data: the shape of its images is unknown ("
                            + idxProblem + ")", "vgg19 adapts to the images' size, read from the IDX files' headers");
                }
                return null;
            }
            return ModelLayouts.vgg19(vgg.batchNorm(), width, shape);
        }
        if (spec instanceof ModelSpec.Zoo zoo) {
            if (!ZOO_MODELS.contains(zoo.name().text())) {
                out.error(zoo.name().span(), "the model zoo has no '" + zoo.name().text() + "' here",
                        "choose vgg16, vgg19 or resnet50");
                return null;
            }
            if (!zoo.weights().is("imagenet")) {
                out.error(zoo.weights().span(), "only imagenet weights are available from the zoo");
                return null;
            }
        }
        Path path = null;
        if (spec instanceof ModelSpec.File f) {
            path = requireFile(f.path(), "model file", out);
        } else if (spec instanceof ModelSpec.Keras k) {
            path = requireFile(k.path(), "keras model", out);
        }
        if ((spec instanceof ModelSpec.File || spec instanceof ModelSpec.Keras) && path == null) {
            return null;
        }
        StringBuilder problem = new StringBuilder();
        LayerTable table = inspector.layers(spec, path, problem).orElseGet(() -> {
            out.error(spec.span(), problem.toString());
            return null;
        });
        if (table != null && shape != null && table.cannotRun() == null && table.size() > 0
                && table.get(table.size() - 1).units() != shape.classes()) {
            // the table is kept: 'lesion layers' still shows the model
            out.error(spec.span(), String.format(Locale.ROOT, "the model has %d outputs but %s has %d classes",
                    table.get(table.size() - 1).units(), shape.name(), shape.classes()),
                    spec instanceof ModelSpec.Zoo ? "the zoo's ImageNet networks classify 3x224x224 images into "
                            + "1,000 classes; this version has no such data set" : null);
        }
        return table;
    }

    private LayerTable checkMlp(ModelSpec.Mlp mlp, DataShape shape, Diagnostics out) {
        boolean ok = true;
        for (IntLit size : mlp.sizes()) {
            if (size.value() < 1 || size.value() > 1_000_000) {
                out.error(size.span(), "a layer size must be between 1 and 1,000,000");
                ok = false;
            }
        }
        String act = mlp.activation().text();
        if (!Activations.NAMES.contains(act)) {
            String hint = Hints.didYouMean(act, Activations.NAMES);
            out.error(mlp.activation().span(), "unknown activation '" + act + "'",
                    hint != null ? hint : "choose one of " + String.join(", ", Activations.NAMES));
            ok = false;
        }
        if (shape != null) {
            IntLit first = mlp.sizes().get(0);
            if (first.value() != shape.inputSize()) {
                out.error(first.span(), String.format(Locale.ROOT, "the input size is %d but %s images have %d values (%dx%dx%d)",
                        first.value(), shape.name(), shape.inputSize(), shape.channels(), shape.height(), shape.width()),
                        "start the sizes with " + shape.inputSize());
                ok = false;
            }
            IntLit last = mlp.sizes().get(mlp.sizes().size() - 1);
            if (last.value() != shape.classes()) {
                out.error(last.span(), String.format(Locale.ROOT, "the output size is %d but %s has %d classes",
                        last.value(), shape.name(), shape.classes()), "end the sizes with " + shape.classes());
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        int[] sizes = mlp.sizes().stream().mapToInt(IntLit::intValue).toArray();
        return ModelLayouts.mlp(sizes, act, mlp.bias());
    }

    private void checkTrain(Statement.Train train, Diagnostics out) {
        count(train.epochs(), "the number of epochs", MAX_EPOCHS, out);
        if (train.batch() != null) {
            count(train.batch(), "the batch size", MAX_BATCH, out);
        }
        if (train.optimizer() != null) {
            checkOptimizer(train.optimizer(), out);
        }
    }

    static void checkOptimizer(Optimizer opt, Diagnostics out) {
        checkRate(opt.rate(), out);
        if (opt.momentum() != null && (opt.momentum().value() < 0 || opt.momentum().value() >= 1)) {
            out.error(opt.momentum().span(), "the momentum must be at least 0 and below 1");
        }
    }

    static void checkRate(NumLit rate, Diagnostics out) {
        if (rate.value() <= 0 || rate.value() > 10) {
            out.error(rate.span(), "the learning rate must be above 0 and at most 10");
        }
    }

    /** Upper bounds on counts: far beyond any real study, and below what an int holds, so nothing is clamped. */
    static final long MAX_EPOCHS = 10_000;
    static final long MAX_BATCH = 1_000_000;
    static final long MAX_INSTANCES = 1_000;
    static final long MAX_PASSES = 10_000;
    static final long MAX_GROUPS = 100_000;
    /** Variants one ablate may make: its rows and its JSON (with per-image fates) are held in memory. */
    public static final long MAX_VARIANTS = 100_000;

    static void count(IntLit n, String what, long max, Diagnostics out) {
        if (n.value() < 1) {
            out.error(n.span(), what + " must be at least 1");
        } else if (n.value() > max) {
            out.error(n.span(), String.format(java.util.Locale.ROOT, "%s must be at most %,d", what, max));
        }
    }

    private Path requireFile(StrLit path, String what, Diagnostics out) {
        Path p = resolve(path);
        if (!Files.isRegularFile(p)) {
            out.error(path.span(), "no " + what + " '" + path.value() + "' (looked for " + shown(p) + ")",
                    "paths are relative to the study file's folder");
            return null;
        }
        return p;
    }

    /** A path as messages show it: relative to the working folder when inside it, so messages are portable. */
    private static Path shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }

    private Path resolve(StrLit path) {
        return baseDir.resolve(path.value()).normalize();
    }

    static List<Statement> bodyOf(Statement s) {
        return s instanceof Statement.Repeat r ? r.body() : List.of();
    }
}
