package dev.ballast.spring.boot;

import dev.ballast.http.ServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/** A Ballast {@link ServiceResponse} (body already read) as Spring's {@link ClientHttpResponse}. */
final class ServiceClientHttpResponse implements ClientHttpResponse {
  private final ServiceResponse response;
  private final HttpHeaders headers = new HttpHeaders();

  ServiceClientHttpResponse(ServiceResponse response) {
    this.response = response;
    for (Map.Entry<String, List<String>> e : response.headers().entrySet()) {
      headers.addAll(e.getKey(), e.getValue());
    }
  }

  @Override
  public HttpStatusCode getStatusCode() {
    return HttpStatusCode.valueOf(response.statusCode());
  }

  @Override
  public String getStatusText() {
    HttpStatus status = HttpStatus.resolve(response.statusCode());
    return status == null ? "" : status.getReasonPhrase();
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }

  @Override
  public InputStream getBody() {
    return new ByteArrayInputStream(response.body());
  }

  @Override
  public void close() {
    // the body is a byte array: nothing to release
  }
}
