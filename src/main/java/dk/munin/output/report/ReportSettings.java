package dk.munin.output.report;

import dk.munin.contract.settings.Settings;

/**
 * How report.html is made (application.properties, "report.html"). The caps keep the page light
 * whatever the run's size: what they leave out is counted on the page and is in the Parquet and
 * CSV outputs.
 *
 * @param thumbnails       munin.report.thumbnails: events shown as a photo with its boxes
 * @param repeatThumbnails munin.report.repeat-thumbnails: repeat-detection places shown as a photo
 * @param thumbnailWidth   munin.report.thumbnail-width-px: a thumbnail's width in pixels
 * @param jpegQuality      munin.report.thumbnail-jpeg-quality: 0..1, the JPEG encoder's quality
 * @param eventRows        munin.report.event-rows: events listed in the table of events without a thumbnail
 * @param listRows         munin.report.list-rows: rows of each problem list (timestamp issues, failed photos)
 * @param activityRows     munin.report.activity-rows: station-species rows of the activity grid
 */
public record ReportSettings(int thumbnails, int repeatThumbnails, int thumbnailWidth, double jpegQuality, int eventRows,
                             int listRows, int activityRows) {

    public ReportSettings {
        if (thumbnails < 0 || repeatThumbnails < 0 || eventRows < 0 || listRows < 0 || activityRows < 0) {
            throw new IllegalArgumentException("munin.report.* counts cannot be negative");
        }
        if (thumbnailWidth < 16) {
            throw new IllegalArgumentException("munin.report.thumbnail-width-px must be at least 16, not " + thumbnailWidth);
        }
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("munin.report.thumbnail-jpeg-quality must be in (0, 1], not " + jpegQuality);
        }
    }

    public static ReportSettings from(Settings settings) {
        return new ReportSettings(settings.integer("munin.report.thumbnails"), settings.integer("munin.report.repeat-thumbnails"),
                settings.integer("munin.report.thumbnail-width-px"), settings.decimal("munin.report.thumbnail-jpeg-quality"),
                settings.integer("munin.report.event-rows"), settings.integer("munin.report.list-rows"),
                settings.integer("munin.report.activity-rows"));
    }
}
