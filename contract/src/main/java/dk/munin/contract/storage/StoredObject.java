package dk.munin.contract.storage;

/** One object found by a listing: where it is and how many bytes it has. */
public record StoredObject(Location location, long size) {
}
