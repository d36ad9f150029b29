package dk.munin.output.camtrapdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows given but left out: counted per table and reason, and of each reason the first
 * {@link CamtrapDpSummary#LEFT_OUT_LISTED} kept as examples, so a run that leaves out a million
 * rows still holds only a few.
 */
final class LeftOutRows {

    private record Kind(CamtrapDp.Table table, String reason) {
    }

    private final Map<Kind, Long> counts = new LinkedHashMap<>();
    private final List<CamtrapDpSummary.LeftOut> listed = new ArrayList<>();

    /**
     * @param reason the reason as the run report counts it, naming no row
     * @param detail the reason for this row, e.g. naming its photo
     */
    void add(CamtrapDp.Table table, String id, String reason, String detail) {
        long count = counts.merge(new Kind(table, reason), 1L, Long::sum);
        if (count <= CamtrapDpSummary.LEFT_OUT_LISTED) {
            listed.add(new CamtrapDpSummary.LeftOut(table, id, detail));
        }
    }

    List<CamtrapDpSummary.LeftOutCount> counts() {
        List<CamtrapDpSummary.LeftOutCount> out = new ArrayList<>();
        counts.forEach((kind, count) -> out.add(new CamtrapDpSummary.LeftOutCount(kind.table(), kind.reason(), count)));
        return out;
    }

    List<CamtrapDpSummary.LeftOut> listed() {
        return listed;
    }
}
