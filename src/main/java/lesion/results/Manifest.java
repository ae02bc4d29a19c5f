package lesion.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lesion.plan.AblateStep;
import lesion.plan.Plan;
import lesion.plan.RepeatStep;
import lesion.plan.Step;

/**
 * The run record {@code manifest.json}: what ran (Lesion, Java, OS, backend, threads), on what
 * (the study and its SHA-256, data files, trained model and model file with theirs), which steps finished
 * with what files and, for steps made of variants, how many variants were planned and done, and
 * how the run ended. The engine fills it in as the run goes and calls
 * {@link #write()} after every step, so a run stopped half-way still says how far it got.
 *
 * <p>Keys come in a fixed order, maps given by the engine sorted by key; times are UTC
 * ISO-8601. Until {@link #finish} the run's status is {@code running}, which is also what a run
 * killed without warning (no chance to write) leaves behind. All methods are synchronized: a
 * Ctrl-C handler may write while the run's thread updates.
 */
public final class Manifest {
    /** How one step ended. */
    public enum StepStatus {
        NOT_RUN("not run"), RUNNING("running"), DONE("done"), INTERRUPTED("interrupted"), FAILED("failed");

        private final String text;

        StepStatus(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** How the whole run ended, or {@code running} while it has not. */
    public enum RunStatus {
        RUNNING("running"), COMPLETE("complete"), INTERRUPTED("interrupted"), FAILED("failed");

        private final String text;

        RunStatus(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private static final class StepRecord {
        final String id;
        final String keyword;
        final String statement;
        StepStatus status = StepStatus.NOT_RUN;
        Double seconds;
        String error;
        // null for steps without variants (evaluate); done stays null until the step starts
        Long variantsPlanned;
        Long variantsDone;
        // with instances N > 1: the networks that finished the step
        Integer instancesDone;
        final List<String> outputs = new ArrayList<>();

        StepRecord(String id, String keyword, String statement) {
            this.id = id;
            this.keyword = keyword;
            this.statement = statement;
        }
    }

    private final Path runDir;
    private final Clock clock;
    private final Instant started;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, String> backend = new TreeMap<>();
    private int threads;
    private String studyTitle;
    private String studyFile;
    private String studySha256;
    private Long studySeed;
    private final Map<String, String> dataFiles = new TreeMap<>();
    private String modelSha256;
    private String modelCacheKey;
    private String weightsFile;
    private String weightsSha256;
    private String modelFile;
    private String modelFileSha256;
    // instance -> {sha256, cache key} of networks 1.. of 'instances N' (network 0 is modelSha256/modelCacheKey)
    private final Map<Integer, String[]> otherModels = new TreeMap<>();
    private final Map<String, StepRecord> steps = new LinkedHashMap<>();
    private RunStatus status = RunStatus.RUNNING;
    private String error;
    private Instant ended;

    /** A manifest for the run in {@code runDir}, started now. */
    public Manifest(Path runDir) {
        this(runDir, Clock.systemUTC());
    }

    public Manifest(Path runDir, Clock clock) {
        this.runDir = runDir;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The version in the jar's manifest ({@code Implementation-Version}), or {@code dev} when run from classes. */
    public static String lesionVersion() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The DL4J/ND4J backend's description (backend name, versions, BLAS, …), as the engine reports it. */
    public synchronized Manifest backend(Map<String, String> info) {
        backend.clear();
        backend.putAll(info);
        return this;
    }

    public synchronized Manifest threads(int count) {
        threads = count;
        return this;
    }

    /** The study: its title, the file it was read from, its text (hashed, not stored) and its seed. */
    public synchronized Manifest study(String title, Path file, String text, long seed) {
        studyTitle = title;
        studyFile = file == null ? null : file.toString();
        studySha256 = Sha256.hex(text);
        studySeed = seed;
        return this;
    }

    /** Data file name (or path) to its SHA-256. */
    public synchronized Manifest dataFiles(Map<String, String> sha256ByFile) {
        dataFiles.clear();
        dataFiles.putAll(sha256ByFile);
        return this;
    }

    /** The model file a run read its network from (file, keras, zoo) and the file's SHA-256. */
    public synchronized Manifest modelFile(Path file, String sha256) {
        modelFile = file == null ? null : file.toAbsolutePath().normalize().toString().replace('\\', '/');
        modelFileSha256 = sha256;
        return this;
    }

    /** The trained (or loaded) model's SHA-256 and the training cache key it was stored under (null when none). */
    public synchronized Manifest model(String sha256, String cacheKey) {
        modelSha256 = sha256;
        modelCacheKey = cacheKey;
        return this;
    }

    /** The {@code weights} file the model was loaded from, as the study names it, and its SHA-256. */
    public synchronized Manifest weights(String file, String sha256) {
        weightsFile = file;
        weightsSha256 = sha256;
        return this;
    }

    /** Lists a step as {@code not run}; steps appear in the order declared. */
    public synchronized Manifest declareStep(String id, String keyword, String statement) {
        steps.putIfAbsent(id, new StepRecord(id, keyword, statement));
        return this;
    }

    /** Declares every step of the plan, a repeat block followed by the steps of its body. */
    public synchronized Manifest declareSteps(Plan plan) {
        declareAll(plan.steps());
        return this;
    }

    private void declareAll(List<Step> list) {
        for (Step s : list) {
            declareStep(s.id(), s.keyword(), s.statement());
            if (s instanceof AblateStep a) {
                step(s.id()).variantsPlanned = a.variants();
            }
            if (s instanceof RepeatStep r) {
                declareAll(r.body());
            }
        }
    }

    /** Marks a step running; a step with declared variants has done none of them yet. */
    public synchronized Manifest stepStarted(String id) {
        StepRecord r = step(id);
        r.status = StepStatus.RUNNING;
        if (r.variantsPlanned != null) {
            r.variantsDone = 0L;
        }
        return this;
    }

    /** Marks a step running that will make {@code variantsPlanned} variants. */
    public synchronized Manifest stepStarted(String id, long variantsPlanned) {
        StepRecord r = step(id);
        r.variantsPlanned = variantsPlanned;
        return stepStarted(id);
    }

    /** Marks a step done, with its time and the files it wrote (stored relative to the run folder). */
    public synchronized Manifest stepDone(String id, double seconds, Collection<Path> outputs) {
        return ended(id, StepStatus.DONE, seconds, outputs, null, null);
    }

    /** Marks a step of variants done, with how many variants it made. */
    public synchronized Manifest stepDone(String id, double seconds, Collection<Path> outputs, long variantsDone) {
        return ended(id, StepStatus.DONE, seconds, outputs, variantsDone, null);
    }

    /**
     * Records that network {@code instancesDone - 1} of several finished the step: the step stays running until
     * the last network finishes it, with the variants and files made so far.
     */
    public synchronized Manifest stepProgress(String id, double seconds, Collection<Path> outputs, long variantsDone,
            int instancesDone) {
        ended(id, StepStatus.RUNNING, seconds, outputs, step(id).variantsPlanned == null ? null : variantsDone, null);
        step(id).instancesDone = instancesDone;
        return this;
    }

    /** Marks a step done by {@code instances} networks (the last call for a step of a study with instances N). */
    public synchronized Manifest stepDoneByAll(String id, double seconds, Collection<Path> outputs, Long variantsDone,
            int instances) {
        ended(id, StepStatus.DONE, seconds, outputs, variantsDone, null);
        if (instances > 1) {
            step(id).instancesDone = instances;
        }
        return this;
    }

    /** The parameters' SHA-256 and model-cache key of network {@code instance} (from 1) of several. */
    public synchronized Manifest instanceModel(int instance, String sha256, String cacheKey) {
        otherModels.put(instance, new String[] {sha256, cacheKey});
        return this;
    }

    public synchronized Manifest stepInterrupted(String id, double seconds) {
        return ended(id, StepStatus.INTERRUPTED, seconds, List.of(), null, null);
    }

    /** Marks a step without variants (a recovery) cut short by the user, with the files of what it finished. */
    public synchronized Manifest stepInterrupted(String id, double seconds, Collection<Path> outputs) {
        return ended(id, StepStatus.INTERRUPTED, seconds, outputs, null, null);
    }

    /** Marks a step cut short by the user after {@code variantsDone} variants, whose rows are in {@code outputs}. */
    public synchronized Manifest stepInterrupted(String id, double seconds, Collection<Path> outputs,
            long variantsDone) {
        return ended(id, StepStatus.INTERRUPTED, seconds, outputs, variantsDone, null);
    }

    public synchronized Manifest stepFailed(String id, double seconds, String message) {
        return ended(id, StepStatus.FAILED, seconds, List.of(), null, message);
    }

    /** Marks a step without variants (a recovery) failed, with the files of what it finished. */
    public synchronized Manifest stepFailed(String id, double seconds, String message, Collection<Path> outputs) {
        return ended(id, StepStatus.FAILED, seconds, outputs, null, message);
    }

    /** Marks a step failed after {@code variantsDone} variants, whose rows (if kept) are in {@code outputs}. */
    public synchronized Manifest stepFailed(String id, double seconds, String message, Collection<Path> outputs,
            long variantsDone) {
        return ended(id, StepStatus.FAILED, seconds, outputs, variantsDone, message);
    }

    private Manifest ended(String id, StepStatus status, double seconds, Collection<Path> outputs, Long variantsDone,
            String message) {
        StepRecord r = step(id);
        r.status = status;
        r.seconds = seconds;
        if (variantsDone != null) {
            r.variantsDone = variantsDone;
        }
        if (message != null) {
            r.error = message;
        }
        for (Path p : outputs) {
            String name = relative(p);
            if (!r.outputs.contains(name)) {
                r.outputs.add(name);
            }
        }
        return this;
    }

    public synchronized StepStatus stepStatus(String id) {
        return step(id).status;
    }

    /**
     * Ends the run. A step still marked running takes the run's status (it was cut short by the
     * interruption or failure); {@code message} is the error for {@code failed}, else may be null.
     */
    public synchronized Manifest finish(RunStatus finalStatus, String message) {
        if (finalStatus == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a finished run cannot be running");
        }
        status = finalStatus;
        error = message;
        ended = clock.instant();
        for (StepRecord r : steps.values()) {
            if (r.status == StepStatus.RUNNING) {
                r.status = finalStatus == RunStatus.FAILED ? StepStatus.FAILED
                        : finalStatus == RunStatus.INTERRUPTED ? StepStatus.INTERRUPTED : StepStatus.DONE;
            }
        }
        return this;
    }

    public synchronized RunStatus status() {
        return status;
    }

    /** Writes {@code manifest.json} into the run folder, atomically; returns its path. */
    public synchronized Path write() throws IOException {
        Path file = runDir.resolve(RunDirectory.MANIFEST_FILE);
        AtomicFiles.write(file, toJson());
        return file;
    }

    /** The manifest's JSON text as it would be written now. */
    public synchronized String toJson() throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("lesion_version", lesionVersion());
        root.put("status", status.text());
        root.put("error", error);
        root.put("started", iso(started));
        root.put("ended", ended == null ? null : iso(ended));
        // while running: the seconds so far, as of this write
        Instant until = ended == null ? clock.instant() : ended;
        root.put("seconds", Duration.between(started, until).toMillis() / 1000.0);

        ObjectNode study = root.putObject("study");
        study.put("title", studyTitle);
        study.put("file", studyFile);
        study.put("sha256", studySha256);
        study.put("seed", studySeed);

        ObjectNode env = root.putObject("environment");
        env.put("java_version", System.getProperty("java.version"));
        env.put("java_vendor", System.getProperty("java.vendor"));
        env.put("os", System.getProperty("os.name"));
        env.put("os_version", System.getProperty("os.version"));
        env.put("arch", System.getProperty("os.arch"));
        env.put("threads", threads);
        putMap(env.putObject("backend"), backend);

        putMap(root.putObject("data_files"), dataFiles);
        ObjectNode model = root.putObject("model");
        model.put("sha256", modelSha256);
        model.put("cache_key", modelCacheKey);
        // only with a weights statement or a model file, so other manifests keep their shape
        if (weightsSha256 != null) {
            model.put("weights_file", weightsFile);
            model.put("weights_sha256", weightsSha256);
        }
        if (modelFile != null) {
            model.put("file", modelFile);
            model.put("file_sha256", modelFileSha256);
        }
        if (!otherModels.isEmpty()) {
            ArrayNode others = model.putArray("instances");
            otherModels.forEach((instance, m) -> others.addObject().put("instance", instance).put("sha256", m[0])
                    .put("cache_key", m[1]));
        }

        ArrayNode list = root.putArray("steps");
        for (StepRecord r : steps.values()) {
            ObjectNode s = list.addObject();
            s.put("id", r.id);
            s.put("keyword", r.keyword);
            s.put("statement", r.statement);
            s.put("status", r.status.text());
            s.put("seconds", r.seconds == null ? null : Math.round(r.seconds * 1000) / 1000.0);
            s.put("variants_done", r.variantsDone);
            s.put("variants_planned", r.variantsPlanned);
            if (r.instancesDone != null) {
                s.put("instances_done", r.instancesDone);
            }
            ArrayNode outputs = s.putArray("outputs");
            r.outputs.forEach(outputs::add);
            if (r.error != null) {
                s.put("error", r.error);
            }
        }
        return json.writeValueAsString(root) + "\n";
    }

    private StepRecord step(String id) {
        StepRecord r = steps.get(id);
        if (r == null) {
            throw new IllegalArgumentException("step " + id + " was not declared");
        }
        return r;
    }

    private String relative(Path p) {
        Path dir = runDir.toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        // forward slashes, so the manifest reads the same on every OS
        return (abs.startsWith(dir) ? dir.relativize(abs) : abs).toString().replace('\\', '/');
    }

    private static void putMap(ObjectNode node, Map<String, String> map) {
        map.forEach(node::put);
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
