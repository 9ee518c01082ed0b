package dev.trainbench.spec;

/**
 * Random changes to training images (never to validation or test): shift by up to {@code shift}
 * pixels, horizontal flip, rotation by up to {@code rotation} degrees, Gaussian noise of std
 * {@code noise} (in input units after preprocessing).
 */
public record AugmentationSpec(Integer shift, Boolean flip, Double rotation, Double noise) {

    public AugmentationSpec {
        shift = shift == null ? 0 : shift;
        flip = flip != null && flip;
        rotation = rotation == null ? 0.0 : rotation;
        noise = noise == null ? 0.0 : noise;
        SpecException.require(shift >= 0 && shift <= 16, "augmentation.shift must be 0..16 pixels, was " + shift);
        SpecException.require(rotation >= 0 && rotation <= 45, "augmentation.rotation must be 0..45 degrees, was " + rotation);
        SpecException.require(noise >= 0 && noise <= 5, "augmentation.noise must be 0..5, was " + noise);
    }

    public static AugmentationSpec none() {
        return new AugmentationSpec(0, false, 0.0, 0.0);
    }

    public boolean enabled() {
        return shift > 0 || flip || rotation > 0 || noise > 0;
    }

    public AugmentationSpec withShift(int value) {
        return new AugmentationSpec(value, flip, rotation, noise);
    }

    public AugmentationSpec withFlip(boolean value) {
        return new AugmentationSpec(shift, value, rotation, noise);
    }

    public AugmentationSpec withRotation(double value) {
        return new AugmentationSpec(shift, flip, value, noise);
    }

    public AugmentationSpec withNoise(double value) {
        return new AugmentationSpec(shift, flip, rotation, value);
    }
}
