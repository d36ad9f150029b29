package dk.munin.contract.testing;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keys kept literally, as S3 keeps them. The embedded server's blob stores keep each object as a
 * file of an in-memory file system, which normalises {@code raw/a/../../x.jpg} to {@code x.jpg}
 * and {@code raw//x.jpg} to {@code raw/x.jpg}; real S3 stores and lists both as written. This
 * store hands the file system a reversible spelling of every '.', '..' and empty segment (and
 * of '%' and '\'), and lists the keys as they were put. Only for the single-page listings of tests.
 */
public final class LiteralKeysBlobStore extends ForwardingBlobStore {

    public LiteralKeysBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        return super.putBlob(request.toBuilder().key(stored(request.key())).build(), content);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return super.getBlob(request.toBuilder().key(stored(request.key())).build());
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return super.blobMetadata(request.toBuilder().key(stored(request.key())).build());
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return super.removeBlob(request.toBuilder().key(stored(request.key())).build());
    }

    @Override
    public boolean blobExists(String container, String key) {
        return super.blobExists(container, stored(key));
    }

    /** The listing with the keys as put, in S3's order (UTF-8 bytes, which for these keys is String order). */
    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        ListObjectsV2Request storedPrefix = request.prefix() == null ? request : request.toBuilder().prefix(stored(request.prefix())).build();
        ListObjectsV2Response response = super.list(storedPrefix);
        List<S3Object> objects = new ArrayList<>();
        for (S3Object object : response.contents()) {
            objects.add(object.toBuilder().key(literal(object.key())).build());
        }
        objects.sort(Comparator.comparing(S3Object::key));
        return response.toBuilder().contents(objects).build();
    }

    static String stored(String key) {
        String[] segments = key.split("/", -1);
        StringBuilder spelled = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].replace("%", "%25").replace("\\", "%5C");
            boolean last = i == segments.length - 1;
            if (segment.isEmpty() && !last) {
                segment = "%00";
            } else if (segment.equals(".") || segment.equals("..")) {
                segment = segment.replace(".", "%2E");
            }
            spelled.append(i == 0 ? "" : "/").append(segment);
        }
        return spelled.toString();
    }

    static String literal(String stored) {
        String[] segments = stored.split("/", -1);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].equals("%00") ? "" : segments[i].replace("%2E", ".").replace("%5C", "\\").replace("%25", "%");
            key.append(i == 0 ? "" : "/").append(segment);
        }
        return key.toString();
    }
}
