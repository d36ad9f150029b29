package dk.munin.bench;

import dk.munin.budget.DetectorSpeedTable;
import dk.munin.state.SpeedCalibration;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a newly measured row into the speed table's text, in place of the row the app would take
 * for the same model and host (the newest of them), or at the end when there is none. Every other
 * line (comments, the header, other rows, their line endings) stays as it was, byte for byte,
 * so the table's diff shows only the new measurement.
 */
final class SpeedTableRewrite {

    private SpeedTableRewrite() {
    }

    /**
     * @param source the table's name, for messages
     * @throws dk.munin.budget.InvalidSpeedTable when the table is already broken: rewriting it would hide that
     */
    static String withRow(String table, SpeedCalibration row, String source) {
        DetectorSpeedTable.parse(table, source);
        List<String> lines = linesWithEndings(table);
        int replaced = rowToReplace(lines, row, source);
        StringBuilder rewritten = new StringBuilder();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            rewritten.append(index == replaced ? DetectorSpeedTable.format(row) + ending(line) : line);
        }
        if (replaced < 0) {
            if (rewritten.length() > 0 && rewritten.charAt(rewritten.length() - 1) != '\n') {
                rewritten.append('\n');
            }
            rewritten.append(DetectorSpeedTable.format(row)).append('\n');
        }
        return rewritten.toString();
    }

    /** The index of the newest row of the same model_sha256 and host, or -1. */
    private static int rowToReplace(List<String> lines, SpeedCalibration row, String source) {
        int newest = -1;
        SpeedCalibration newestRow = null;
        for (int index = 0; index < lines.size(); index++) {
            String content = content(lines.get(index));
            if (!DetectorSpeedTable.isRow(content)) {
                continue;
            }
            SpeedCalibration existing = DetectorSpeedTable.row(content, index + 1, source);
            boolean sameKey = existing.modelSha256().equals(row.modelSha256()) && existing.host().equals(row.host());
            if (sameKey && (newestRow == null || !existing.measuredAt().isBefore(newestRow.measuredAt()))) {
                newest = index;
                newestRow = existing;
            }
        }
        return newest;
    }

    /** The text cut after each {@code \n}, so joining the pieces gives the text back exactly. */
    private static List<String> linesWithEndings(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end + 1));
            start = end + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static String content(String line) {
        return line.substring(0, line.length() - ending(line).length());
    }

    private static String ending(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        return line.endsWith("\n") ? "\n" : "";
    }
}
