package dev.ollamastack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

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

  public OpenWebUiAdmin(String baseUrl, String adminKey) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.adminKey = adminKey;
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
    return list(send("GET", null, timeout));
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
    return list(send("POST", body.getBytes(StandardCharsets.UTF_8), timeout));
  }

  private String send(String method, byte[] body, Duration timeout) throws AdminException {
    Http.Response res;
    try {
      res =
          Http.send(
              method,
              URI.create(baseUrl + PATH),
              body,
              Map.of("Authorization", "Bearer " + adminKey),
              timeout);
    } catch (IOException | IllegalArgumentException e) {
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new AdminException(0, "cannot reach Open WebUI at " + baseUrl + ": " + what);
    }
    if (!res.ok()) {
      String hint = res.status() == 401 || res.status() == 403 ? ": the admin key was refused" : "";
      throw new AdminException(res.status(), "HTTP " + res.status() + hint);
    }
    return res.text();
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
