package dk.munin.detect;

/**
 * Hears how fetching a model goes, a line at a time: `munin run` prints the lines on the console
 * before the first state, a run started any other way (camel run) logs them.
 */
@FunctionalInterface
public interface DownloadProgress {

    void report(String line);
}
