package dev.trainbench.train;

import dev.trainbench.data.DataException;
import dev.trainbench.data.DataFingerprint;
import dev.trainbench.data.DataFingerprinter;
import dev.trainbench.runs.GroupMembership;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
import dev.trainbench.runs.SweepMembership;
import dev.trainbench.spec.ExperimentSpec;
import dev.trainbench.spec.SpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs one experiment on the calling thread: the path shared by the CLI and the trainer service. */
public final class ExperimentRunner {

    /**
     * Callbacks for one run; all optional.
     *
     * @param listeners listeners of the caller's own (e.g. diagnosis), added to the standard ones
     *                  where {@link TrainingListeners#standard} says
     */
    public record Hooks(Consumer<TrainingEvent> events, Consumer<MetricsHistory> onHistory, Consumer<String> warnings,
                        List<TrainingListener> listeners) {
        public Hooks {
            listeners = listeners == null ? List.of() : List.copyOf(listeners);
        }

        public Hooks(Consumer<TrainingEvent> events, Consumer<MetricsHistory> onHistory, Consumer<String> warnings) {
            this(events, onHistory, warnings, List.of());
        }

        public static Hooks none() {
            return new Hooks(e -> { }, h -> { }, w -> { });
        }

        /** These hooks plus one more listener. */
        public Hooks withListener(TrainingListener listener) {
            List<TrainingListener> all = new ArrayList<>(listeners);
            all.add(listener);
            return new Hooks(events, onHistory, warnings, all);
        }
    }

    private ExperimentRunner() {
    }

    /**
     * Checks the device and prepares the data (errors here create no run folder), then creates the run
     * folder and trains.
     *
     * @throws TrainingException, DataException or SpecException with a user-facing message
     */
    public static RunRecord run(ExperimentSpec spec, Path baseDir, RunStore store, String parentId, RunControl control,
                                Hooks hooks, TrainingLoop.Options options) throws InterruptedException {
        return run(spec, baseDir, store, parentId, null, control, hooks, options);
    }

    /**
     * As {@link #run(ExperimentSpec, Path, RunStore, String, RunControl, Hooks, TrainingLoop.Options)},
     * recording the run as a member of a group (null: none); a member is named after its seed,
     * e.g. "mnist-mlp seed 43", so that the runs of a group can be told apart in lists.
     */
    public static RunRecord run(ExperimentSpec spec, Path baseDir, RunStore store, String parentId,
                                GroupMembership group, RunControl control, Hooks hooks, TrainingLoop.Options options)
            throws InterruptedException {
        return run(spec, baseDir, store, parentId, group, null, control, hooks, options);
    }

    /**
     * As {@link #run(ExperimentSpec, Path, RunStore, String, GroupMembership, RunControl, Hooks, TrainingLoop.Options)},
     * also recording the run's place in a sweep (null: none), as a sweep task does on a cluster node.
     */
    public static RunRecord run(ExperimentSpec spec, Path baseDir, RunStore store, String parentId,
                                GroupMembership group, SweepMembership sweep, RunControl control, Hooks hooks,
                                TrainingLoop.Options options) throws InterruptedException {
        // a GPU the engine does not have is bad input: refused before anything is written
        SpecTrainer.device(spec.training());
        List<String> warnings = new ArrayList<>();
        PreparedData data = DataPreparation.prepare(spec, baseDir, w -> {
            warnings.add(w);
            hooks.warnings().accept(w);
        });
        MemoryCheck.requireFits(spec, data.train().sampleShape(), data.train().outputWidth(),
                (long) data.train().size() + data.validation().size() + data.test().size());
        DataFingerprint fingerprint = fingerprint(spec, baseDir, hooks.warnings());
        RunRecord.Builder builder = new RunRecord.Builder()
                .name(group == null ? spec.name() : spec.name() + " seed " + spec.seed())
                .dataFingerprint(fingerprint);
        if (group != null) {
            group.applyTo(builder);
        }
        if (sweep != null) {
            sweep.applyTo(builder);
        }
        RunRecord initial = builder.status(RunStatus.QUEUED).createdAt(Instant.now().toString())
                .seed(spec.seed()).spec(spec).versions(Provenance.versions())
                .dataLabel(spec.data().label())
                .modelLabel(spec.model().preset() != null ? spec.model().preset() : spec.model().layers().size() + " layers")
                .trainSamples(data.train().size()).validationSamples(data.validation().size())
                .testSamples(data.test().size()).dataFiles(data.sources()).preprocessing(data.preprocessing())
                .build();
        try (RunFolder folder = store.create(spec, parentId, initial)) {
            TrainingLoop loop = new TrainingLoop(spec, data, folder, control, hooks.events(), options, hooks.listeners());
            RunRecord done;
            try {
                done = loop.run(hooks.onHistory());
            } catch (InterruptedException e) {
                markEnded(folder, RunStatus.STOPPED, "interrupted");
                throw e;
            } catch (RuntimeException | Error e) {
                String message = describe(e);
                done = markEnded(folder, RunStatus.FAILED, message);
                hooks.events().accept(new TrainingEvent.RunFinished(folder.id(), RunStatus.FAILED, message, done));
                throw new TrainingException(message, e);
            }
            hooks.events().accept(new TrainingEvent.RunFinished(folder.id(), done.status(), done.message(), done));
            return done;
        } catch (IOException e) {
            throw new TrainingException("cannot close the run folder: " + e.getMessage(), e);
        }
    }

    /**
     * The data's fingerprint, computed right after loading (the files are then in the operating
     * system's cache). A run is not refused because its data could not be fingerprinted: it is
     * recorded without one and the comparison says "data identity unknown".
     */
    private static DataFingerprint fingerprint(ExperimentSpec spec, Path baseDir, Consumer<String> warnings) {
        try {
            return DataFingerprinter.of(spec, baseDir);
        } catch (DataException e) {
            warnings.accept("the data's fingerprint is not recorded (" + e.getMessage() + ")");
            return null;
        }
    }

    private static RunRecord markEnded(RunFolder folder, RunStatus status, String message) {
        try {
            // weights staged for a record that was never written: this record does not describe them
            folder.discardStagedCheckpoints();
        } catch (IOException e) {
            // left as pending files, which the next open of the run deletes
        }
        RunRecord r = folder.record().toBuilder().status(status).message(message).endedAt(Instant.now().toString()).build();
        folder.update(r);
        return r;
    }

    /** A message for the user; the exception class only when nothing better is known. */
    public static String describe(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof DataException || e instanceof SpecException || e instanceof TrainingException
                || e instanceof dev.trainbench.runs.ModelFileException || e instanceof dev.trainbench.runs.RunStoreException) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory: the batch or the model is too large for this machine; halve training.batchSize"
                    + " or use a smaller model";
        }
        String m = e.getMessage();
        if (m != null && m.toLowerCase().contains("out of memory")) {
            return "the device ran out of memory (" + m.lines().findFirst().orElse("") + "); halve training.batchSize"
                    + " or use a smaller model";
        }
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
