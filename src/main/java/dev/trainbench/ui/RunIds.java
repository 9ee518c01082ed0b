package dev.trainbench.ui;

/**
 * Short forms of run ids for tables and labels. A run id is {@code yyyyMMdd-HHmmss-<name>-<hex>}; the
 * random hex suffix tells apart runs that share a name, so it is what screens show (with the full
 * id in a tooltip).
 */
public final class RunIds {
    private RunIds() {
    }

    /** The id's random suffix ("a1b2"), or the id itself when it does not end in one. */
    public static String shortId(String id) {
        if (id == null) {
            return "";
        }
        int dash = id.lastIndexOf('-');
        String tail = dash >= 0 ? id.substring(dash + 1) : id;
        return tail.matches("[0-9a-f]{4,8}") ? tail : id;
    }
}
