package dev.trainbench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainbench.diagnose.Diagnosis;
import dev.trainbench.diagnose.Finding;
import dev.trainbench.diagnose.TryThis;
import dev.trainbench.spec.SpecJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Findings as the command line prints them (text for people, JSON for scripts). */
final class FindingsText {
    private FindingsText() {
    }

    /** A block of findings under "diagnosis:", or one line saying there are none. */
    static void print(PrintWriter out, List<Finding> findings, String note) {
        if (findings.isEmpty()) {
            out.println("diagnosis: no findings" + (note == null ? "" : " (" + note + ")"));
            return;
        }
        out.println("diagnosis: " + findings.size() + (findings.size() == 1 ? " finding" : " findings")
                + (note == null ? "" : " (" + note + ")"));
        for (Finding f : findings) {
            out.printf(Locale.ROOT, "  %-7s %s: %s%n", f.severity().label().toUpperCase(Locale.ROOT), f.rule(), f.title());
            out.println("          " + f.message());
            String where = f.evidence() == null ? null : f.evidence().chartLabel()
                    + (f.evidence().step() != null ? ", step " + f.evidence().step() : "")
                    + (f.evidence().epoch() != null ? ", epoch " + f.evidence().epoch() : "");
            if (where != null) {
                out.println("          look at: " + where);
            }
            out.println("          tip: " + f.tip());
            if (f.tryThis() != null) {
                out.println("          try this: " + f.tryThis().label() + "   (" + f.tryThis().assignment() + ")");
            }
            for (TryThis t : f.alternatives()) {
                out.println("          or: " + t.label() + "   (" + t.assignment() + ")");
            }
        }
    }

    /** {@code [{rule, severity, title, message, tip, tryThis: {path, value, label} | null, alternatives}]} */
    static ArrayNode json(List<Finding> findings) {
        ArrayNode list = SpecJson.mapper().createArrayNode();
        for (Finding f : findings) {
            ObjectNode n = list.addObject();
            n.put("rule", f.rule());
            n.put("severity", f.severity().label());
            n.put("title", f.title());
            n.put("message", f.message());
            n.put("tip", f.tip());
            if (f.tryThis() == null) {
                n.putNull("tryThis");
            } else {
                n.set("tryThis", change(f.tryThis()));
            }
            ArrayNode alt = n.putArray("alternatives");
            f.alternatives().forEach(t -> alt.add(change(t)));
        }
        return list;
    }

    private static ObjectNode change(TryThis t) {
        ObjectNode c = SpecJson.mapper().createObjectNode();
        c.put("path", t.path());
        c.set("value", t.value());
        c.put("label", t.label());
        return c;
    }

    static String note(Diagnosis d) {
        String source = Diagnosis.LIVE.equals(d.source()) ? "live, while it trained" : "from its files";
        return source + (d.complete() ? "" : ", so far");
    }
}
