package dev.trainbench.model;

/**
 * One row of a model summary: the layer's position ("3", or "4.2" inside a residual body), its
 * label, the shape of one sample after it, its trainable parameter count, and why it cannot
 * connect (null when it can).
 */
public record LayerInfo(String position, String label, int[] outputShape, long parameters, String error) {

    public boolean valid() {
        return error == null;
    }

    public String shapeText() {
        return outputShape == null ? "?" : ShapeInference.shapeText(outputShape);
    }
}
