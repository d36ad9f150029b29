package dk.munin.budget;

import dk.munin.budget.PriceTable.Family;
import dk.munin.contract.settings.Settings;

import java.util.Arrays;
import java.util.Locale;

/**
 * The instance a detector shard runs on, as the price table prices it: the job takes a whole
 * c5.xlarge or m5.xlarge (cloudformation/pipeline.yaml, DetectorJobDefinition), so it pays for
 * every vCPU and GB of it.
 *
 * @param vcpus              munin.budget.detector.vcpus: the instance's vCPUs
 * @param c5MemoryGb         munin.budget.detector.memory-gb.c5
 * @param m5MemoryGb         munin.budget.detector.memory-gb.m5
 * @param expectedFamily     munin.budget.detector.family: what the expected cost assumes
 * @param instanceStartSeconds munin.budget.detector.instance-start-seconds: billed before the container starts
 */
public record DetectorInstance(int vcpus, double c5MemoryGb, double m5MemoryGb, Family expectedFamily,
                               double instanceStartSeconds) {

    public static DetectorInstance from(Settings settings) {
        return new DetectorInstance(settings.integer("munin.budget.detector.vcpus"),
                settings.decimal("munin.budget.detector.memory-gb.c5"),
                settings.decimal("munin.budget.detector.memory-gb.m5"),
                settings.parsed("munin.budget.detector.family", "c5 or m5",
                        value -> Family.valueOf(value.trim().toUpperCase(Locale.ROOT))),
                settings.decimal("munin.budget.detector.instance-start-seconds"));
    }

    public double perHourDkk(PriceTable prices, Family family, boolean spot) {
        return prices.batch().of(family, spot).perHourDkk(vcpus, family == Family.C5 ? c5MemoryGb : m5MemoryGb);
    }

    /** The price the expected cost uses. */
    public double expectedPerHourDkk(PriceTable prices, boolean spot) {
        return perHourDkk(prices, expectedFamily, spot);
    }

    /** The dearest family the compute environment may start: what the worst case uses. */
    public double dearestPerHourDkk(PriceTable prices, boolean spot) {
        return Arrays.stream(Family.values()).mapToDouble(family -> perHourDkk(prices, family, spot)).max().orElseThrow();
    }

    /** The instance type the expected cost assumes, as the calibration table names AWS hosts: c5.xlarge. */
    public String instanceType() {
        return expectedFamily.name().toLowerCase(Locale.ROOT) + ".xlarge";
    }

    public String describe(boolean spot) {
        return instanceType() + " " + (spot ? "spot" : "on-demand");
    }

}
