package dk.munin.contract.storage;

import java.util.Locale;
import java.util.Map;

/** The Content-Type S3 serves Munin's artefacts with, so the S3 console and browsers show them as what they are. */
final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "json", "application/json",
            "jsonl", "application/x-ndjson",
            "parquet", "application/vnd.apache.parquet",
            "csv", "text/csv",
            "html", "text/html",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg");
    private static final String ANY = "application/octet-stream";

    private ContentTypes() {
    }

    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? ANY : BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), ANY);
    }
}
