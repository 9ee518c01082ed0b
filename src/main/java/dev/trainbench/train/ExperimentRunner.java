package dev.trainbench.train;

import dev.trainbench.data.DataException;
import dev.trainbench.runs.RunFolder;
import dev.trainbench.runs.RunRecord;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.runs.RunStore;
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
     * Prepares the data (errors here create no run folder), then creates the run folder and trains.
     *
     * @throws TrainingException, DataException or SpecException with a user-facing message
     */
    public static RunRecord run(ExperimentSpec spec, Path baseDir, RunStore store, String parentId, RunControl control,
                                Hooks hooks, TrainingLoop.Options options) throws InterruptedException {
        List<String> warnings = new ArrayList<>();
        PreparedData data = DataPreparation.prepare(spec, baseDir, w -> {
            warnings.add(w);
            hooks.warnings().accept(w);
        });
        RunRecord initial = new RunRecord.Builder()
                .name(spec.name()).status(RunStatus.QUEUED).createdAt(Instant.now().toString())
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

    private static RunRecord markEnded(RunFolder folder, RunStatus status, String message) {
        RunRecord r = folder.record().toBuilder().status(status).message(message).endedAt(Instant.now().toString()).build();
        folder.update(r);
        return r;
    }

    /** A message for the user; the exception class only when nothing better is known. */
    public static String describe(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof DataException || e instanceof SpecException || e instanceof TrainingException) {
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
