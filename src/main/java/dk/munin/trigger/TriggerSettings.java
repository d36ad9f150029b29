package dk.munin.trigger;

import dk.munin.contract.settings.Settings;

/**
 * The trigger's settings: whether a dropped manifest runs here or on AWS, and the state machine
 * a manifest starts there (munin.trigger.start, munin.trigger.state-machine-arn).
 */
public record TriggerSettings(StartMode start, String stateMachineArn) {

    public static TriggerSettings from(Settings settings) {
        return new TriggerSettings(settings.parsed("munin.trigger.start", StartMode.accepted(), StartMode::of),
                settings.text("munin.trigger.state-machine-arn"));
    }
}
