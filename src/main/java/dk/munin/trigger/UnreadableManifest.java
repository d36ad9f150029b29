package dk.munin.trigger;

/** A dropped manifest that is not JSON: the trigger route moves it to .failed/ and logs why. */
public class UnreadableManifest extends RuntimeException {

    public UnreadableManifest(String message) {
        super(message);
    }
}
