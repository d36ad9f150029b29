package dk.munin;

import dk.munin.budget.BudgetSettings;
import dk.munin.cluster.ClusterSettings;
import dk.munin.contract.settings.Settings;
import dk.munin.detect.DetectSettings;
import dk.munin.exif.Stage0Settings;
import dk.munin.manifest.ManifestDefaults;
import dk.munin.output.report.ReportSettings;
import dk.munin.session.SessionSettings;
import dk.munin.storage.S3Settings;
import dk.munin.trigger.TriggerSettings;
import dk.munin.weather.WeatherSettings;
import dk.munin.workflow.camel.WorkflowSettings;

/**
 * Every setting of application.properties, bound once and typed, whatever entry point started
 * the app: a missing or malformed setting stops it at start-up, naming the key.
 */
public record MuninSettings(ManifestDefaults manifest, BudgetSettings budget, Stage0Settings stage0, DetectSettings detect,
                            ClusterSettings cluster, WeatherSettings weather, S3Settings s3, WorkflowSettings workflow,
                            TriggerSettings trigger, SessionSettings session, ReportSettings report) {

    public static MuninSettings bind(Settings settings) {
        return new MuninSettings(ManifestDefaults.from(settings), BudgetSettings.from(settings), Stage0Settings.from(settings),
                DetectSettings.from(settings), ClusterSettings.from(settings), WeatherSettings.from(settings),
                S3Settings.from(settings), WorkflowSettings.from(settings), TriggerSettings.from(settings),
                SessionSettings.from(settings), ReportSettings.from(settings));
    }
}
