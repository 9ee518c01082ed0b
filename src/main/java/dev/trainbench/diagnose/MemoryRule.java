package dev.trainbench.diagnose;

import dev.trainbench.spec.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code memory}: the estimate of {@link MemoryEstimate} against the machine's memory. An error
 * (the run is refused before it starts) above {@value MemoryEstimate#REFUSE_SHARE} of it, a warning
 * above {@value MemoryEstimate#WARN_SHARE}. The fix: the largest batch that fits when the activations
 * are the problem, a narrower largest layer when the parameters are.
 */
final class MemoryRule extends Rule {

    @Override
    String id() {
        return RuleIds.MEMORY;
    }

    @Override
    int state(Context c) {
        MemoryEstimate m = c.memory();
        if (m == null) {
            return 0;
        }
        return m.refused() ? 2 : m.tight() ? 1 : 0;
    }

    @Override
    Finding build(Context c, int state) {
        return finding(c.spec(), c.memory());
    }

    static Finding finding(dev.trainbench.spec.ExperimentSpec spec, MemoryEstimate m) {
        boolean refused = m.refused();
        List<TryThis> changes = new ArrayList<>();
        int batch = m.batchThatFits();
        if (batch > 0 && batch < m.batchSize()) {
            changes.add(Changes.batchSize(spec, batch));
        }
        int idx = m.largestLayerIndex();
        if (idx >= 0 && idx < spec.model().layers().size() && spec.model().layers().get(idx).type() == LayerSpec.Type.DENSE) {
            // halve the largest layer until the estimate fits (the batch unchanged)
            int units = spec.model().layers().get(idx).units();
            while (units > 1) {
                units = Math.max(1, units / 2);
                MemoryEstimate narrower = m.forSpec(Changes.units(spec, idx, units).apply(spec));
                if (!narrower.tight() && !narrower.refused()) {
                    changes.add(Changes.units(spec, idx, units));
                    break;
                }
            }
        }
        String message = "this run needs " + m.describe() + "; the machine has " + MemoryEstimate.bytes(m.machineBytes())
                + (refused ? ", so it cannot fit: it is refused before it starts instead of being killed by the"
                + " operating system" : ", so it leaves little for anything else (the run may slow down by swapping)");
        return new Finding(RuleIds.MEMORY, refused ? Severity.ERROR : Severity.WARNING,
                (refused ? "too large for this machine: " : "uses most of this machine's memory: ")
                        + MemoryEstimate.bytes(m.totalBytes()) + " needed, " + MemoryEstimate.bytes(m.machineBytes())
                        + " available", message,
                Evidence.of(Evidence.CHART_MODEL, null, null, "estimated bytes", m.totalBytes(), "machine bytes",
                        m.machineBytes(), "parameters", m.parameters(), "batch size", m.batchSize()),
                Tips.BATCH_MEMORY, changes.isEmpty() ? null : changes.get(0),
                changes.size() > 1 ? changes.subList(1, changes.size()) : List.of());
    }
}
