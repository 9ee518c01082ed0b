package dev.trainbench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainbench.spec.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Aligns layer lists by edit distance so that an inserted or removed layer is one gap and the
 * layers around it stay matched. Costs: keep an identical layer 0; keep a layer of the same type
 * with other settings {@value #SAME_TYPE}; swap one activation for another, or max- for
 * average-pooling, {@value #SWAP}; insert or delete a layer {@value #GAP}; any other type change
 * {@value #NEVER} (more than a delete plus an insert, so it is never taken as a match).
 */
final class LayerAlignment {

    static final double SAME_TYPE = 0.5;
    static final double SWAP = 1.5;
    static final double GAP = 1.0;
    static final double NEVER = 3.0;

    private LayerAlignment() {
    }

    /**
     * Columns of aligned layers: {@code column[i]} is list i's layer in that column, or null where
     * list i has none there. Every list's layers appear in their own order. Lists are added one at a
     * time against the columns built so far (progressive alignment, with the reference first).
     */
    static List<JsonNode[]> align(List<JsonNode> lists) {
        int n = lists.size();
        List<JsonNode[]> columns = new ArrayList<>();
        JsonNode first = lists.get(0);
        for (JsonNode layer : first) {
            JsonNode[] c = new JsonNode[n];
            c[0] = layer;
            columns.add(c);
        }
        for (int k = 1; k < n; k++) {
            columns = addList(columns, lists.get(k), k, n);
        }
        return columns;
    }

    private static List<JsonNode[]> addList(List<JsonNode[]> columns, JsonNode list, int k, int n) {
        int c = columns.size();
        int l = list.size();
        double[][] d = new double[c + 1][l + 1];
        for (int i = 1; i <= c; i++) {
            d[i][0] = i * GAP;
        }
        for (int j = 1; j <= l; j++) {
            d[0][j] = j * GAP;
        }
        for (int i = 1; i <= c; i++) {
            for (int j = 1; j <= l; j++) {
                double match = d[i - 1][j - 1] + cost(columns.get(i - 1), k, list.get(j - 1));
                double skipColumn = d[i - 1][j] + GAP;
                double newColumn = d[i][j - 1] + GAP;
                d[i][j] = Math.min(match, Math.min(skipColumn, newColumn));
            }
        }
        // trace back (from the end): prefer a match, then a new column, then leaving a column out, so that
        // going forward a removed layer comes before the layer added in its place
        List<JsonNode[]> out = new ArrayList<>();
        int i = c;
        int j = l;
        while (i > 0 || j > 0) {
            if (i > 0 && j > 0 && same(d[i][j], d[i - 1][j - 1] + cost(columns.get(i - 1), k, list.get(j - 1)))) {
                JsonNode[] col = columns.get(i - 1).clone();
                col[k] = list.get(j - 1);
                out.add(col);
                i--;
                j--;
            } else if (j > 0 && same(d[i][j], d[i][j - 1] + GAP)) {
                JsonNode[] col = new JsonNode[n];
                col[k] = list.get(j - 1);
                out.add(col);
                j--;
            } else {
                out.add(columns.get(i - 1).clone());
                i--;
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) < 1e-9;
    }

    /** The cheapest match of {@code layer} with any layer already in the column. */
    private static double cost(JsonNode[] column, int k, JsonNode layer) {
        double best = NEVER;
        for (int i = 0; i < k; i++) {
            if (column[i] != null) {
                best = Math.min(best, cost(column[i], layer));
            }
        }
        return best;
    }

    static double cost(JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return 0;
        }
        String ta = a.path("type").asText();
        String tb = b.path("type").asText();
        if (ta.equals(tb)) {
            return SAME_TYPE;
        }
        LayerSpec.Type x = type(ta);
        LayerSpec.Type y = type(tb);
        if (x != null && y != null && (x.isActivation() && y.isActivation() || pool(x) && pool(y))) {
            return SWAP;
        }
        return NEVER;
    }

    private static boolean pool(LayerSpec.Type t) {
        return t == LayerSpec.Type.MAXPOOL || t == LayerSpec.Type.AVGPOOL;
    }

    private static LayerSpec.Type type(String json) {
        try {
            return LayerSpec.Type.valueOf(json.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
