package dev.trainbench.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Loss, optimizer, schedule and loop settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingSpec(
        Loss loss,
        OptimizerSpec optimizer,
        ScheduleSpec schedule,
        Integer batchSize,
        Integer epochs,
        Double clipNorm,
        EarlyStoppingSpec earlyStopping,
        Device device) {

    public enum Loss {
        @JsonProperty("cross_entropy") CROSS_ENTROPY,
        @JsonProperty("l2") L2,
        @JsonProperty("l1") L1
    }

    public enum Device {
        @JsonProperty("cpu") CPU,
        @JsonProperty("gpu") GPU
    }

    public TrainingSpec {
        loss = loss == null ? Loss.CROSS_ENTROPY : loss;
        optimizer = optimizer == null ? OptimizerSpec.adam(1e-3) : optimizer;
        schedule = schedule == null ? ScheduleSpec.constant() : schedule;
        batchSize = batchSize == null ? 64 : batchSize;
        epochs = epochs == null ? 10 : epochs;
        device = device == null ? Device.CPU : device;
        SpecException.require(batchSize >= 1 && batchSize <= 65536, "training.batchSize must be 1..65536, was " + batchSize);
        SpecException.require(epochs >= 1 && epochs <= 100000, "training.epochs must be 1..100000, was " + epochs);
        SpecException.require(clipNorm == null || (clipNorm > 0 && Double.isFinite(clipNorm)),
                "training.clipNorm must be > 0 (or left out for no clipping), was " + clipNorm);
    }

    public static TrainingSpec defaults() {
        return new TrainingSpec(null, null, null, null, null, null, null, null);
    }

    public TrainingSpec withEpochs(int value) {
        return new TrainingSpec(loss, optimizer, schedule, batchSize, value, clipNorm, earlyStopping, device);
    }

    public TrainingSpec withDevice(Device value) {
        return new TrainingSpec(loss, optimizer, schedule, batchSize, epochs, clipNorm, earlyStopping, value);
    }

    public TrainingSpec withOptimizer(OptimizerSpec value) {
        return new TrainingSpec(loss, value, schedule, batchSize, epochs, clipNorm, earlyStopping, device);
    }

    public TrainingSpec withBatchSize(int value) {
        return new TrainingSpec(loss, optimizer, schedule, value, epochs, clipNorm, earlyStopping, device);
    }

    public TrainingSpec withSchedule(ScheduleSpec value) {
        return new TrainingSpec(loss, optimizer, value, batchSize, epochs, clipNorm, earlyStopping, device);
    }

    public TrainingSpec withClipNorm(Double value) {
        return new TrainingSpec(loss, optimizer, schedule, batchSize, epochs, value, earlyStopping, device);
    }

    public TrainingSpec withEarlyStopping(EarlyStoppingSpec value) {
        return new TrainingSpec(loss, optimizer, schedule, batchSize, epochs, clipNorm, value, device);
    }

    public TrainingSpec withLoss(Loss value) {
        return new TrainingSpec(value, optimizer, schedule, batchSize, epochs, clipNorm, earlyStopping, device);
    }
}
