package dk.munin.budget;

import dk.munin.contract.settings.Settings;

import java.util.Locale;

/**
 * One region's row of the price table (application.properties, "Prices"), in DKK: the USD list
 * prices converted at munin.price.usd-to-dkk.
 *
 * @param region           munin.price.region: the row
 * @param usdToDkk         munin.price.usd-to-dkk
 * @param batch            the detector's compute, per family and purchase option
 * @param lambdaGbSecond   Lambda duration, per GB-second
 * @param lambdaRequest    Lambda, per request
 * @param stateTransition  Step Functions Standard, per state transition
 * @param s3GbMonth        S3 Intelligent-Tiering (Frequent Access), per GB-month
 * @param s3MonitoredObject S3 Intelligent-Tiering monitoring, per object-month
 * @param s3Write          S3 PUT, COPY, POST and LIST, per request
 * @param s3Read           S3 GET, per request
 * @param transferOutGb    data transfer out to the internet, per GB
 * @param logsIngestedGb   CloudWatch Logs ingestion, per GB
 */
public record PriceTable(String region, double usdToDkk, BatchPrices batch, double lambdaGbSecond, double lambdaRequest,
                         double stateTransition, double s3GbMonth, double s3MonitoredObject, double s3Write, double s3Read,
                         double transferOutGb, double logsIngestedGb) {

    /** The instance families the compute environments allow (cloudformation/pipeline.yaml). */
    public enum Family {
        C5, M5;

        String settingName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Per vCPU-hour and GB-hour, in DKK, for c5 and m5 on demand and on spot. */
    public record BatchPrices(Rate c5OnDemand, Rate c5Spot, Rate m5OnDemand, Rate m5Spot) {

        public Rate of(Family family, boolean spot) {
            return switch (family) {
                case C5 -> spot ? c5Spot : c5OnDemand;
                case M5 -> spot ? m5Spot : m5OnDemand;
            };
        }
    }

    /** What an instance costs an hour: its vCPUs and its memory, each at its rate. */
    public record Rate(double vcpuHourDkk, double gbHourDkk) {

        public double perHourDkk(int vcpus, double memoryGb) {
            return vcpus * vcpuHourDkk + memoryGb * gbHourDkk;
        }
    }

    /**
     * @throws dk.munin.contract.settings.InvalidSetting when the region has no row, naming the regions that do
     */
    public static PriceTable from(Settings settings) {
        String region = settings.text("munin.price.region").trim();
        double rate = settings.decimal("munin.price.usd-to-dkk");
        if (!(rate > 0)) {
            throw new IllegalStateException("munin.price.usd-to-dkk must be above 0, got " + rate);
        }
        Row row = new Row(settings, region, rate);
        return new PriceTable(region, rate,
                new BatchPrices(row.batch(Family.C5, "on-demand"), row.batch(Family.C5, "spot"),
                        row.batch(Family.M5, "on-demand"), row.batch(Family.M5, "spot")),
                row.dkk("lambda.gb-second"), row.dkk("lambda.million-requests") / 1e6,
                row.dkk("step-functions.thousand-transitions") / 1e3, row.dkk("s3.gb-month"),
                row.dkk("s3.thousand-monitored-objects") / 1e3, row.dkk("s3.thousand-writes") / 1e3,
                row.dkk("s3.thousand-reads") / 1e3, row.dkk("transfer-out.gb"), row.dkk("logs.ingested-gb"));
    }

    /** Every price 0: what LOCAL runs, and runs that spend nothing, are priced at. */
    public PriceTable free() {
        Rate none = new Rate(0, 0);
        return new PriceTable(region, usdToDkk, new BatchPrices(none, none, none, none), 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Reads one region's keys, munin.price.&lt;region&gt;.&lt;item&gt;, in USD. */
    private record Row(Settings settings, String region, double usdToDkk) {

        Row {
            if (settings.optional(key(region, "lambda.gb-second")).isEmpty()) {
                throw new IllegalStateException("munin.price.region is " + region + ", but the price table has no row for it: "
                        + "add its munin.price." + region + ".* prices to application.properties, or choose a region that has them");
            }
        }

        Rate batch(Family family, String purchase) {
            String prefix = "batch." + family.settingName() + "." + purchase + ".";
            return new Rate(dkk(prefix + "vcpu-hour"), dkk(prefix + "gb-hour"));
        }

        double dkk(String item) {
            double usd = settings.decimal(key(region, item));
            if (usd < 0) {
                throw new IllegalStateException(key(region, item) + " must not be negative, got " + usd);
            }
            return usd * usdToDkk;
        }

        private static String key(String region, String item) {
            return "munin.price." + region + "." + item;
        }
    }
}
