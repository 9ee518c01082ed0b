package dev.trainbench.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a sweep's runs are executed, as recorded in {@code sweep.json}.
 *
 * @param kind     {@code local} (processes on this machine) or {@code slurm} (a job array)
 * @param parallel local: runs at a time
 * @param threads  libtorch threads per run ({@code trainbench run --threads})
 * @param device   {@code gpu} when every run trains on the GPU, else null (the spec's device)
 * @param slurm    the job array's options (slurm only)
 * @param command  the Java command that runs {@code trainbench} (the installation the sweep was made with)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutorSettings(Kind kind, Integer parallel, Integer threads, String device, SlurmOptions slurm,
                               List<String> command) {

    public enum Kind {
        @JsonProperty("local") LOCAL,
        @JsonProperty("slurm") SLURM;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ExecutorSettings {
        command = command == null ? List.of() : List.copyOf(command);
    }
}
