package dk.munin.manifest;

import java.time.LocalDateTime;

/**
 * One correction of a camera's clock, applied to camera-local times (see docs/time-correction.md).
 * Corrections of a deployment apply in the order listed, each to the result of the one before.
 */
public sealed interface TimeCorrection permits ClockShift, ClockDrift {

    LocalDateTime apply(LocalDateTime time);

    /** How this correction changed {@code before} into {@code after}, as listed in a photo's corrections. */
    String describe(LocalDateTime before, LocalDateTime after);
}
