package dk.munin.storage;

/** The object named does not exist. */
public class ObjectNotFound extends RuntimeException {

    public ObjectNotFound(Location location) {
        super("No such object: " + location);
    }
}
