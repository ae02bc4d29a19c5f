package lesion.repl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code :help STATEMENT}: what each statement of the language does and how it is written, with examples. Every
 * keyword that can begin a statement (read from the lexer, see {@code lesion.parse.Keywords}) has an entry; a test
 * keeps it so.
 */
final class StatementHelp {

    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        add("study", "the study's title (default: the file name)", "study \"MLP single units\";");
        add("seed", "every random choice derives from it, per statement", "seed 2019;");
        add("data", "the data set: MNIST or Fashion-MNIST (fetched on first use) or IDX files; 'limit' takes "
                + "the first images", "data mnist;", "data fashion limit train 6000 test 1000;", "data idx \"dir\";");
        add("model", "the network: a built-in MLP or VGG-19, or one read from a file",
                "model mlp 784-20-10-10 relu nobias;", "model vgg19 bn width 0.25;", "model file \"net.zip\";",
                "model keras \"net.h5\";");
        add("weights", "NumPy weights (PyTorch names and layouts) into the declared model", "weights \"w.npz\";");
        add("train", "train the model, or take it from the cache when trained the same way before",
                "train 100 epochs batch 64 adam 0.001;", "train 5 epochs sgd 0.01 momentum 0.9;");
        add("instances", "a population of independently seeded networks; every statement runs on each",
                "instances 20;");
        add("evaluate", "top-1, top-5 and per-class accuracy of the trained network", "evaluate;");
        add("ablate", "remove units (dense) or filters (conv) and score each variant; methods zero (default), "
                + "mask, mean, noise SIGMA", "ablate layer 0 units each;", "ablate layer 0 units pairs;",
                "ablate layer 0 units 3, 7;", "ablate layer 33 filters 25% random repeat 10;",
                "ablate layer 33 groups 25% by similarity sample 5;", "ablate layer 7 filters 10% by magnitude "
                        + "using mask;");
        add("recover", "retrain every variant of the last ablate, the ablation held in place",
                "recover 5 epochs freeze above;", "recover until plateau min 5 epochs delta 0.05% patience 2 max 30 "
                        + "epochs freeze above;", "recover 3 epochs lr 1e-4 batch 64 freeze none regrow;");
        add("restore", "back to the trained networks after ablate and recover", "restore;");
        add("repeat", "run a block several times, each pass continuing from what the last left",
                "repeat 8 { ablate layer 33 filters 25% random; recover 1 epoch freeze above; }");
        add("importance", "Mann-Whitney U of each unit's weights, initial against trained, correlated with its drop",
                "importance layer 0 by mannwhitney;");
        add("redundancy", "per pair, its drop against the sum of the single drops", "redundancy layer 0;");
        add("selectivity", "the spread of class-specific drops over units", "selectivity layer 0;");
        add("embed", "a 2-D t-SNE of the test set, computed once and cached", "embed tsne;");
        add("report", "where the HTML report goes (not run yet)", "report \"out/mlp\";");
    }

    private StatementHelp() {
    }

    private static void add(String keyword, String what, String... examples) {
        StringBuilder out = new StringBuilder(keyword).append(": ").append(what).append(System.lineSeparator());
        for (String e : examples) {
            out.append("  ").append(e).append(System.lineSeparator());
        }
        HELP.put(keyword, out.toString());
    }

    /** The help on a statement keyword, or null if it is not one. */
    static String of(String keyword) {
        return HELP.get(keyword.toLowerCase(Locale.ROOT));
    }

    /** The statement keywords with help, in the order of the language's description. */
    static java.util.Set<String> keywords() {
        return HELP.keySet();
    }
}
