package dev.gantry.gateway.providers;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs upstream requests with AWS Signature Version 4, using the AWS SDK for Java v2's signer and
 * its default credentials chain (environment, system properties, profile files, container and
 * instance roles; resolved credentials are cached and refreshed by the SDK). Shared and
 * thread-safe. The first resolution may block on the instance metadata service; it happens on the
 * first request.
 */
final class AwsSigner {
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static volatile AwsCredentialsProvider chain;

  private AwsSigner() {}

  private static AwsCredentialsProvider credentials() {
    AwsCredentialsProvider c = chain;
    if (c == null) {
      synchronized (AwsSigner.class) {
        c = chain;
        if (c == null) {
          c = DefaultCredentialsProvider.builder().build();
          chain = c;
        }
      }
    }
    return c;
  }

  /**
   * The headers to send: {@code headers} plus {@code Authorization}, {@code X-Amz-Date}, {@code
   * x-amz-content-sha256} and, for temporary credentials, {@code X-Amz-Security-Token}. The {@code
   * Host} header is signed but left to the HTTP client, which sends the same value.
   */
  static Map<String, String> sign(
      String uri, Map<String, String> headers, byte[] body, String service, String region) {
    AwsCredentialsIdentity identity = credentials().resolveCredentials();
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(uri));
    headers.forEach(request::putHeader);
    SignedRequest signed =
        SIGNER.sign(
            r ->
                r.identity(identity)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!h.getKey().toLowerCase(Locale.ROOT).equals("host")) {
        out.put(h.getKey(), String.join(",", h.getValue()));
      }
    }
    return out;
  }
}
