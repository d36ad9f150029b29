package dk.munin.trigger;

/**
 * A dropped manifest the trigger refused and wrote an .error.json for: thrown by the start-run
 * route so its consumer treats it as failed (the file consumer moves it to .failed/), and
 * logged in one line by {@link TriggerLog}.
 */
public class RefusedManifest extends RuntimeException {

    public RefusedManifest(String message) {
        super(message);
    }
}
