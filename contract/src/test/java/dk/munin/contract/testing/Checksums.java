package dk.munin.contract.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The checksums tests compare downloads with, as md5sum and sha256sum print them (lower-case hex). */
public final class Checksums {

    private Checksums() {
    }

    public static String md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    public static String sha256(byte[] bytes) {
        return digest("SHA-256", bytes);
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
