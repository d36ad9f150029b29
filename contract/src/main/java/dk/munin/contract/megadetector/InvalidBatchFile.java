package dk.munin.contract.megadetector;

/** A file that is not a MegaDetector batch output file Munin can use; the message says why. */
public class InvalidBatchFile extends RuntimeException {

    public InvalidBatchFile(String reason) {
        super(reason);
    }
}
