package dk.munin.architecture.cycle.eggs;

import dk.munin.architecture.cycle.hens.Hen;

/** Half of a deliberate package cycle: ArchitectureTest shows its rule would catch one. */
public record Egg(Hen layer) {
}
