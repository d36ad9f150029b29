package dk.munin.architecture.cycle.hens;

import dk.munin.architecture.cycle.eggs.Egg;

/** The other half of the deliberate package cycle. */
public record Hen(Egg hatchedFrom) {
}
