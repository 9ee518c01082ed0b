package dev.trainbench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generated 2-D classification sets with features {@code x, y}, about unit scale, ordered by class
 * (so that training without shuffling shows its harm). The same name, size, noise, class count and
 * seed give the same points. Defaults (used when the spec leaves them out):
 * <table>
 *   <caption>toy sets</caption>
 *   <tr><th>name</th><th>classes</th><th>default noise</th><th>what noise means</th></tr>
 *   <tr><td>moons</td><td>2</td><td>0.1</td><td>Gaussian std added to x and y</td></tr>
 *   <tr><td>circles</td><td>2</td><td>0.05</td><td>Gaussian std added to x and y (inner radius 0.5, outer 1)</td></tr>
 *   <tr><td>spiral</td><td>3 (2..20)</td><td>0.2</td><td>Gaussian std of the angle, radians (CS231n spiral)</td></tr>
 *   <tr><td>xor</td><td>2</td><td>0.05</td><td>Gaussian std added to x and y after labelling by quadrant</td></tr>
 *   <tr><td>blobs</td><td>3 (2..20)</td><td>0.5</td><td>std of each blob (centres on a circle of radius 2)</td></tr>
 * </table>
 * Default size: {@value #DEFAULT_SAMPLES} samples, split as evenly as possible between classes.
 */
public final class ToyDatasets {

    public static final int DEFAULT_SAMPLES = 600;
    public static final int MAX_SAMPLES = 1_000_000;
    public static final int MAX_CLASSES = 20;
    public static final List<String> NAMES = List.of("moons", "circles", "spiral", "xor", "blobs");

    private ToyDatasets() {
    }

    /** The default noise of a toy set (see the class comment for what it means per set). */
    public static double defaultNoise(String name) {
        return switch (checkName(name)) {
            case "moons" -> 0.1;
            case "circles", "xor" -> 0.05;
            case "spiral" -> 0.2;
            default -> 0.5;
        };
    }

    /** The default class count: 3 for spiral and blobs, 2 for the others (which only have 2). */
    public static int defaultClasses(String name) {
        return switch (checkName(name)) {
            case "spiral", "blobs" -> 3;
            default -> 2;
        };
    }

    /**
     * Generates a toy set.
     *
     * @param classes the class count; only spiral and blobs accept other values than 2
     */
    public static Dataset generate(String name, int samples, double noise, int classes, long seed) {
        String set = checkName(name);
        boolean fixed = !set.equals("spiral") && !set.equals("blobs");
        if (fixed && classes != 2) {
            throw new DataException("toy set '" + set + "' always has 2 classes, but data.classes is " + classes
                    + ". Fix: leave data.classes out (or use spiral or blobs for more classes).");
        }
        if (classes < 2 || classes > MAX_CLASSES) {
            throw new DataException("toy set '" + set + "': data.classes must be 2.." + MAX_CLASSES + ", was " + classes + ".");
        }
        if (samples < 2 * classes || samples > MAX_SAMPLES) {
            throw new DataException("toy set '" + set + "': data.samples must be " + (2 * classes) + ".." + MAX_SAMPLES
                    + " (at least 2 per class), was " + samples + ".");
        }
        if (!(noise >= 0) || noise > 10) {
            throw new DataException("toy set '" + set + "': data.noise must be 0..10, was " + noise + ".");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[2 * samples];
        int[] labels = new int[samples];
        int i = 0;
        for (int c = 0; c < classes; c++) {
            int count = samples / classes + (c < samples % classes ? 1 : 0);
            for (int k = 0; k < count; k++, i++) {
                double u = count == 1 ? 0.5 : (double) k / (count - 1);
                double px;
                double py;
                switch (set) {
                    case "moons" -> {
                        double t = Math.PI * u;
                        px = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
                        py = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
                        px = px - 0.5 + noise * gauss(rnd);
                        py = py - 0.25 + noise * gauss(rnd);
                    }
                    case "circles" -> {
                        double t = 2 * Math.PI * rnd.nextDouble();
                        double r = c == 0 ? 1.0 : 0.5;
                        px = r * Math.cos(t) + noise * gauss(rnd);
                        py = r * Math.sin(t) + noise * gauss(rnd);
                    }
                    case "spiral" -> {
                        double t = 2 * Math.PI * c / classes + 4 * u + noise * gauss(rnd);
                        px = u * Math.sin(t);
                        py = u * Math.cos(t);
                    }
                    case "xor" -> {
                        // Class 0: quadrants where x and y have the same sign; class 1: opposite signs.
                        double ax = 0.05 + 0.95 * rnd.nextDouble();
                        double ay = 0.05 + 0.95 * rnd.nextDouble();
                        boolean sx = rnd.nextBoolean();
                        boolean sy = c == 0 ? sx : !sx;
                        px = (sx ? ax : -ax) + noise * gauss(rnd);
                        py = (sy ? ay : -ay) + noise * gauss(rnd);
                    }
                    default -> {
                        double a = 2 * Math.PI * c / classes;
                        px = 2 * Math.cos(a) + noise * gauss(rnd);
                        py = 2 * Math.sin(a) + noise * gauss(rnd);
                    }
                }
                x[2 * i] = (float) px;
                x[2 * i + 1] = (float) py;
                labels[i] = c;
            }
        }
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            classNames.add(Integer.toString(c));
        }
        return Dataset.classification(set, x, new int[] {2}, labels, classNames, List.of("x", "y"));
    }

    private static String checkName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new DataException("unknown toy data set '" + name + "'. Fix: set data.name to one of " + NAMES + ".");
        }
        return n;
    }

    private static double gauss(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double gaussian(SplittableRandom rnd) {
        return gauss(rnd);
    }
}
