package dk.munin.session;

/** Another run holds the session's lease: this one must not write the session's outputs too. */
public final class SessionBusy extends RuntimeException {

    public SessionBusy(String message) {
        super(message);
    }
}
