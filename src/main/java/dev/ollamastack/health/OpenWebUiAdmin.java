package dev.ollamastack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The part of Open WebUI's admin API the tool uses: {@code GET} and {@code POST
 * /api/v1/configs/tool_servers}, whose body is {@code {"TOOL_SERVER_CONNECTIONS": [...]}} both ways
 * (a POST replaces the whole list). Admin-only: an admin's API key or token as bearer.
 */
public final class OpenWebUiAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/api/v1/configs/tool_servers";
  private static final String FIELD = "TOOL_SERVER_CONNECTIONS";

  private final String baseUrl;
  private final String adminKey;
  private final HttpClient http;

  public OpenWebUiAdmin(String baseUrl, String adminKey) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.adminKey = adminKey;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** Why a call failed; {@code status} 0 when Open WebUI did not answer. */
  public static final class AdminException extends IOException {
    private final int status;

    AdminException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** Whether Open WebUI refused the key (not an admin's, revoked, API keys disabled). */
    public boolean refused() {
      return status == 401 || status == 403;
    }
  }

  /** The whole list Open WebUI holds, as a JSON array. */
  public String toolServers(Duration timeout) throws AdminException {
    return list(send(request(timeout).GET().build()));
  }

  /** Replaces the whole list; returns the list Open WebUI stored. */
  public String setToolServers(String connections, Duration timeout) throws AdminException {
    String body;
    try {
      body =
          JSON.writeValueAsString(JSON.createObjectNode().set(FIELD, JSON.readTree(connections)));
    } catch (IOException e) {
      throw new AdminException(0, "not a JSON list: " + e.getMessage());
    }
    return list(
        send(
            request(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
  }

  private HttpRequest.Builder request(Duration timeout) {
    return HttpRequest.newBuilder(URI.create(baseUrl + PATH))
        .timeout(timeout)
        .header("Authorization", "Bearer " + adminKey);
  }

  private String send(HttpRequest req) throws AdminException {
    HttpResponse<String> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new AdminException(0, "cannot reach Open WebUI at " + baseUrl + ": " + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException(0, "interrupted");
    }
    if (res.statusCode() / 100 != 2) {
      String hint =
          res.statusCode() == 401 || res.statusCode() == 403 ? ": the admin key was refused" : "";
      throw new AdminException(res.statusCode(), "HTTP " + res.statusCode() + hint);
    }
    return res.body();
  }

  private static String list(String body) throws AdminException {
    try {
      JsonNode list = JSON.readTree(body).path(FIELD);
      if (!list.isArray()) {
        throw new AdminException(0, "Open WebUI's answer has no " + FIELD + " list");
      }
      return JSON.writeValueAsString(list);
    } catch (AdminException e) {
      throw e;
    } catch (IOException e) {
      throw new AdminException(0, "Open WebUI's answer is not JSON");
    }
  }
}
