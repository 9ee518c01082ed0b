package dev.trainbench.ui.lessons;

import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.Lessons;
import dev.trainbench.diagnose.RuleIds;
import dev.trainbench.diagnose.Severity;
import dev.trainbench.runs.RunStatus;
import dev.trainbench.train.EventSubscription;
import dev.trainbench.train.MetricsHistory;
import dev.trainbench.train.RunHandle;
import dev.trainbench.train.TrainingEvent;
import dev.trainbench.ui.WorkbenchModel;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lessons screen's state: the lessons, the one selected, and while one plays its two runs
 * (the failing spec, then the fixed one, queued on the trainer so they run one after the other on
 * its thread) with their status and live diagnosis. {@link #poll()} is called once per frame and
 * never blocks.
 */
public final class LessonsViewModel {

    /** One side of a lesson: a run, its status line and its findings. */
    public static final class Side {
        private final String role;
        private final StringProperty status = new SimpleStringProperty("not started");
        private final ObservableList<Finding> findings = FXCollections.observableArrayList();
        private final ObjectProperty<List<String>> layers = new SimpleObjectProperty<>(List.of());
        private RunHandle handle;
        private int delivered;

        Side(String role) {
            this.role = role;
        }

        public String role() {
            return role;
        }

        public StringProperty statusProperty() {
            return status;
        }

        public ObservableList<Finding> findings() {
            return findings;
        }

        /** The run's per-layer series names, set when it starts. */
        public ObjectProperty<List<String>> layersProperty() {
            return layers;
        }

        public RunHandle handle() {
            return handle;
        }

        /** Rows of the run's history not yet handed to the charts. */
        int delivered() {
            return delivered;
        }
    }

    /** Receives new rows of a side's history (on the UI thread). */
    public interface Sink {
        void reset(Side side);

        void steps(Side side, MetricsHistory history, int from, int to);

        void epoch(Side side, dev.trainbench.train.EpochMetrics metrics, double atStep);

        void frame();
    }

    private final WorkbenchModel model;
    private final List<Lessons.Lesson> lessons;
    private final ObjectProperty<Lessons.Lesson> selected = new SimpleObjectProperty<>();
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Pick a lesson and press Play.");
    private final Side failing = new Side("failing");
    private final Side fixed = new Side("fixed");
    private final EventSubscription subscription;
    private Sink sink;
    private long startedNanos;

    public LessonsViewModel(WorkbenchModel model) {
        this.model = model;
        this.lessons = Lessons.all();
        this.subscription = model.trainer() == null ? null : model.trainer().subscribe();
        selected.set(lessons.isEmpty() ? null : lessons.get(0));
    }

    public void setSink(Sink sink) {
        this.sink = sink;
    }

    public List<Lessons.Lesson> lessons() {
        return lessons;
    }

    public ObjectProperty<Lessons.Lesson> selectedProperty() {
        return selected;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public Side failing() {
        return failing;
    }

    public Side fixed() {
        return fixed;
    }

    /** Plays the selected lesson: both runs queued on the trainer, the failing one first. */
    public boolean play() {
        Lessons.Lesson l = selected.get();
        if (l == null || playing.get() || model.trainer() == null) {
            return false;
        }
        if (subscription != null) {
            subscription.drain();
        }
        for (Side s : List.of(failing, fixed)) {
            s.findings.clear();
            s.delivered = 0;
            s.layers.set(List.of());
            s.status.set("queued");
            if (sink != null) {
                sink.reset(s);
            }
        }
        failing.handle = model.trainer().submit(l.failing(), model.baseDir());
        fixed.handle = model.trainer().submit(l.fixed(), model.baseDir());
        startedNanos = System.nanoTime();
        playing.set(true);
        status.set("Playing \"" + l.title() + "\": the failing run first, then the fix.");
        return true;
    }

    /** Stops both runs. */
    public void stop() {
        for (Side s : List.of(failing, fixed)) {
            if (s.handle != null) {
                s.handle.stop();
            }
        }
    }

    /** Drains the trainer's events and hands new rows to the sink. Call once per frame. */
    public void poll() {
        if (subscription == null) {
            return;
        }
        for (TrainingEvent e : subscription.drain()) {
            Side s = sideOf(e);
            if (s == null) {
                if (e instanceof TrainingEvent.RunFinished) {
                    model.runsChanged();
                }
                continue;
            }
            if (e instanceof TrainingEvent.RunStarted r) {
                s.layers.set(r.layerNames());
                s.status.set("training " + r.name() + " (" + String.format(Locale.ROOT, "%,d", r.parameterCount())
                        + " parameters)");
            } else if (e instanceof TrainingEvent.Diagnosed d) {
                s.findings.setAll(d.findings());
            } else if (e instanceof TrainingEvent.EpochEnded en) {
                deliver(s);
                if (sink != null) {
                    MetricsHistory h = s.handle.history();
                    sink.epoch(s, en.metrics(), h == null || h.size() == 0 ? 0 : h.step(h.size() - 1));
                }
            } else if (e instanceof TrainingEvent.RunFinished f) {
                deliver(s);
                String best = f.record() != null && f.record().bestValidationAccuracy() != null
                        ? String.format(Locale.ROOT, ", best validation accuracy %.1f%%", 100 * f.record().bestValidationAccuracy())
                        : "";
                s.status.set(f.status().label() + best);
                model.runsChanged();
            }
        }
        deliver(failing);
        deliver(fixed);
        if (sink != null) {
            sink.frame();
        }
        if (playing.get() && done(failing) && done(fixed)) {
            playing.set(false);
            status.set(verdict());
        }
    }

    private static boolean done(Side s) {
        return s.handle != null && s.handle.completion().isDone();
    }

    private Side sideOf(TrainingEvent e) {
        for (Side s : List.of(failing, fixed)) {
            if (s.handle != null && (e.runId().equals(s.handle.runId()) || e.runId().equals(s.handle.key()))) {
                return s;
            }
        }
        return null;
    }

    private void deliver(Side s) {
        if (s.handle == null || sink == null) {
            return;
        }
        MetricsHistory h = s.handle.history();
        if (h == null) {
            return;
        }
        int to = h.size();
        // a lesson's runs are short; past the history's bound the charts go on from what it holds
        int from = Math.min(to, Math.max(s.delivered, h.readableFrom()));
        if (to > from) {
            sink.steps(s, h, from, to);
        }
        s.delivered = Math.max(s.delivered, to);
    }

    /** What the lesson showed: did the failing run get its rule, and the fix none? */
    String verdict() {
        Lessons.Lesson l = selected.get();
        boolean failed = failing.findings.stream().anyMatch(f -> f.rule().equals(l.rule()) && f.severity().atLeast(Severity.WARNING));
        boolean clean = fixed.findings.stream().noneMatch(f -> f.severity().atLeast(Severity.WARNING));
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return String.format(Locale.ROOT, "Done in %.0f s. ", seconds)
                + (failed ? "The failing run is diagnosed " + l.rule() + "; " : "The failing run was not diagnosed "
                + l.rule() + " this time; ")
                + (clean ? "the fix has no problem." : "the fix still shows a problem (see its diagnosis).");
    }

    /** The rule the selected lesson is about, e.g. {@link RuleIds#LR_TOO_HIGH}. */
    public String rule() {
        Lessons.Lesson l = selected.get();
        return l == null ? null : l.rule();
    }

    public void close() {
        stop();
        if (subscription != null) {
            subscription.close();
        }
    }

    /** True when a lesson's run has ended with this status. */
    static boolean ended(RunStatus s) {
        return s != null && !s.isActive();
    }
}
