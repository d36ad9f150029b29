package dk.munin.contract.storage;

/** The object named does not exist (for a local folder: the folder does not exist). */
public class ObjectNotFound extends StorageException {

    public ObjectNotFound(Location location) {
        super("No such object: " + location, null);
    }
}
