package dev.gantry.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stand-ins for the external guardrail servers, which cannot be installed here: one loopback HTTP
 * server (port 0) that speaks the documented wire formats with fixed, text-driven verdicts.
 *
 * <ul>
 *   <li>NeMo Guardrails, {@code POST /v1/chat/completions} with {@code config_id}, {@code
 *       options.rails} and {@code options.log.activated_rails}: a last message containing {@code
 *       BLOCKME} is stopped by the rail {@code self check <input|output>} (reply "I'm sorry, I
 *       can't respond to that."); {@code 4111} is masked to {@code ****}; anything else is echoed.
 *   <li>Guardrails AI, {@code POST /guards/{name}/validate} with {@code llmOutput}: text containing
 *       {@code secret} fails validation (validator {@code detect_secrets}); {@code darn} is fixed
 *       to {@code dang} ({@code validatedOutput} differs); anything else passes.
 *   <li>Webhook, {@code POST /hook}: {@code forbidden} blocks, {@code rewrite me} is rewritten to
 *       {@code rewritten}, {@code hang} is never answered (until {@link #close()}), anything else
 *       is allowed.
 * </ul>
 *
 * Every request body is recorded.
 */
public final class GuardrailServerStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  public GuardrailServerStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(pool);
    server.createContext("/v1/chat/completions", x -> answer(x, this::nemo));
    server.createContext("/guards/", x -> answer(x, this::guardrailsAi));
    server.createContext("/hook", x -> answer(x, this::webhook));
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The JSON bodies received, in order. */
  public List<JsonNode> received() {
    return List.copyOf(received);
  }

  public void clear() {
    received.clear();
  }

  private interface Handler {
    ObjectNode handle(JsonNode body) throws InterruptedException;
  }

  private void answer(HttpExchange x, Handler h) throws IOException {
    try (x) {
      JsonNode body = JSON.readTree(x.getRequestBody().readAllBytes());
      received.add(body);
      ObjectNode out = h.handle(body);
      if (out == null) {
        x.sendResponseHeaders(500, -1);
        return;
      }
      byte[] bytes = JSON.writeValueAsBytes(out);
      x.getResponseHeaders().add("content-type", "application/json");
      x.sendResponseHeaders(200, bytes.length);
      x.getResponseBody().write(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ObjectNode nemo(JsonNode body) {
    JsonNode messages = body.path("messages");
    String text = messages.path(messages.size() - 1).path("content").asText();
    String rails = body.path("options").path("rails").path(0).asText("input");
    ObjectNode out = JSON.createObjectNode();
    ObjectNode reply = out.putArray("response").addObject().put("role", "assistant");
    var activated = out.putObject("log").putArray("activated_rails");
    if (text.contains("BLOCKME")) {
      reply.put("content", "I'm sorry, I can't respond to that.");
      activated
          .addObject()
          .put("type", rails)
          .put("name", "self check " + rails)
          .put("stop", true)
          .putArray("decisions")
          .add("refuse to respond");
    } else {
      reply.put("content", text.replace("4111", "****"));
      activated.addObject().put("type", rails).put("name", "mask numbers").put("stop", false);
    }
    return out;
  }

  private ObjectNode guardrailsAi(JsonNode body) {
    String text = body.path("llmOutput").asText();
    ObjectNode out = JSON.createObjectNode().put("callId", "call-1").put("rawLlmOutput", text);
    ObjectNode summary = out.putArray("validationSummaries").addObject();
    summary.put("validatorName", "detect_secrets");
    if (text.contains("secret")) {
      out.put("validationPassed", false).putNull("validatedOutput");
      summary.put("validatorStatus", "fail").put("failureReason", "a secret was found");
    } else {
      out.put("validationPassed", true).put("validatedOutput", text.replace("darn", "dang"));
      summary.put("validatorStatus", "pass");
    }
    return out;
  }

  private ObjectNode webhook(JsonNode body) throws InterruptedException {
    String text = body.path("text").asText();
    if (text.contains("hang")) {
      closing.await();
      return null;
    }
    if (text.contains("forbidden")) {
      return JSON.createObjectNode().put("decision", "block").put("reason", "forbidden word");
    }
    if (text.contains("rewrite me")) {
      return JSON.createObjectNode()
          .put("decision", "rewrite")
          .put("reason", "house style")
          .put("text", text.replace("rewrite me", "rewritten"));
    }
    return JSON.createObjectNode().put("decision", "allow");
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
