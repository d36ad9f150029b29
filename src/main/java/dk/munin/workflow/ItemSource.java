package dk.munin.workflow;

import java.util.stream.Stream;

/**
 * Where a Distributed Map's {@code ItemReader} with Resource {@code arn:aws:states:::s3:listObjectsV2}
 * reads its items: the objects of a bucket below a prefix, as S3's ListObjectsV2 gives them. The
 * runner knows no storage; the app binds this to its ObjectStore.
 */
public interface ItemSource {

    /**
     * The objects whose keys start with {@code prefix}, in key order, produced as the stream is
     * consumed so that a million-object listing never sits in memory. The runner closes the stream.
     *
     * @param prefix "" for the whole bucket
     */
    Stream<ListedObject> listObjects(String bucket, String prefix);
}
