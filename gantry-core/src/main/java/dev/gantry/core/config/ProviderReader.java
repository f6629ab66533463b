package dev.gantry.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code providers.<name>} entries into {@link ProviderConfig}s. API keys are never echoed;
 * header values are masked when they came from the environment. Not thread-safe; one per load.
 */
final class ProviderReader {
  static final List<String> PROVIDER_KEYS =
      List.of(
          "type",
          "base_url",
          "api_key",
          "api_version",
          "headers",
          "http2",
          "max_connections",
          "timeouts",
          "ca_file",
          "region");

  /** Base URL of a Gemini provider that configures none. */
  static final String GEMINI_URL = "https://generativelanguage.googleapis.com";

  /** The base URL recorded for providers that run in-process. */
  static final URI LOCAL = URI.create("local:extractive");

  static final List<String> TIMEOUT_KEYS = List.of("connect", "first_byte", "idle", "total");
  static final String TYPES =
      java.util.stream.Stream.concat(
              Arrays.stream(ProviderType.values()).map(ProviderType::configName),
              Arrays.stream(OpenAiPreset.values()).map(OpenAiPreset::configName))
          .collect(Collectors.joining(", "));

  /** Set by Gantry or the HTTP client for every request; a config may not override them. */
  static final Set<String> MANAGED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection");

  private final NodeReader r;
  private final Problems problems;

  ProviderReader(NodeReader reader) {
    this.r = reader;
    this.problems = reader.problems();
  }

  /** Providers that are valid, by name; invalid ones are reported and left out. */
  Map<String, ProviderConfig> read(Map<String, Node> nodes) {
    Map<String, ProviderConfig> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      if (e.getKey().isBlank()) {
        problems.add("providers", "a provider name must not be empty");
        continue;
      }
      ProviderConfig p = provider(e.getKey(), e.getValue());
      if (p != null) {
        out.put(e.getKey(), p);
      }
    }
    return out;
  }

  private ProviderConfig provider(String name, Node node) {
    String path = "providers." + name;
    int before = problems.size();
    Map<String, Node> m = r.map(node, path, PROVIDER_KEYS);
    if (m == null) {
      return null;
    }
    OpenAiPreset preset = preset(m.get("type"));
    ProviderType type =
        preset != null ? ProviderType.OPENAI_COMPATIBLE : type(m.get("type"), path + ".type");
    String region = region(m.get("region"), path + ".region", type);
    URI baseUrl;
    String defaultUrl =
        preset != null
            ? preset.baseUrl()
            : type == ProviderType.GEMINI
                ? GEMINI_URL
                : type == ProviderType.BEDROCK && region != null
                    ? "https://bedrock-runtime." + region + ".amazonaws.com"
                    : null;
    if (defaultUrl != null && NodeReader.absent(m.get("base_url"))) {
      baseUrl = URI.create(defaultUrl);
    } else if (type == ProviderType.BEDROCK && NodeReader.absent(m.get("base_url"))) {
      baseUrl = null; // the missing region is reported; the endpoint follows from it
    } else if (type == ProviderType.EXTRACTIVE) {
      baseUrl = LOCAL;
      for (String key : List.of("base_url", "api_key", "api_version", "headers", "http2")) {
        if (m.containsKey(key)) {
          problems.add(path + "." + key, "does not apply to an extractive provider");
        }
      }
    } else {
      baseUrl = baseUrl(m.get("base_url"), path + ".base_url");
    }
    Secret apiKey = apiKey(m.get("api_key"), path + ".api_key", type, preset);
    String apiVersion = apiVersion(m.get("api_version"), path + ".api_version", type);
    Map<String, String> headers = headers(m.get("headers"), path + ".headers");
    boolean http2 = r.bool(m.get("http2"), path + ".http2", false);
    int maxConnections =
        r.integer(
            m.get("max_connections"),
            path + ".max_connections",
            ProviderConfig.DEFAULT_MAX_CONNECTIONS,
            1,
            10_000);
    Timeouts timeouts = timeouts(m.get("timeouts"), path + ".timeouts");
    java.nio.file.Path caFile = r.readableFile(m.get("ca_file"), path + ".ca_file", false);
    if (problems.size() > before) {
      return null;
    }
    return new ProviderConfig(
        name,
        type,
        baseUrl,
        apiKey,
        apiVersion,
        headers,
        http2,
        maxConnections,
        timeouts,
        caFile,
        region,
        preset);
  }

  private OpenAiPreset preset(Node node) {
    return node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar
        ? OpenAiPreset.of(scalar.getValue())
        : null;
  }

  private String region(Node node, String path, ProviderType type) {
    if (type == ProviderType.BEDROCK) {
      String region = r.required(node, path, "an AWS region such as us-east-1");
      if (region != null && !region.strip().matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
        problems.add(path, "'" + region + "' is not an AWS region; expected e.g. us-east-1");
        return null;
      }
      return region == null ? null : region.strip();
    }
    if (type != null && !NodeReader.absent(node)) {
      problems.add(path, "not allowed for type " + type.configName() + "; only bedrock uses it");
    }
    return null;
  }

  private ProviderType type(Node node, String path) {
    if (NodeReader.absent(node)) {
      problems.add(path, "required but missing; allowed " + TYPES);
      return null;
    }
    Text t = r.text(node, path, false);
    if (t == null) {
      return null;
    }
    for (ProviderType type : ProviderType.values()) {
      if (type.configName().equalsIgnoreCase(t.value().strip())) {
        return type;
      }
    }
    List<String> names =
        Arrays.stream(ProviderType.values()).map(ProviderType::configName).toList();
    problems.add(
        path,
        NodeReader.show(t, false)
            + " is not one of "
            + TYPES
            + Suggestions.didYouMean(t.value(), names));
    return null;
  }

  URI baseUrl(Node node, String path) {
    String text = r.required(node, path, "an http or https URL such as https://api.openai.com/v1");
    if (text == null) {
      return null;
    }
    String shown = "'" + text + "'";
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      problems.add(path, shown + " is not a URL: " + e.getReason());
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getRawUserInfo() != null) {
      // Credentials in a URL would be printed with it: refuse without echoing.
      problems.add(path, "must not contain credentials (user:password@); use api_key or headers");
      return null;
    }
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      problems.add(path, shown + " is not an absolute http or https URL with a host");
      return null;
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      // Not echoed: a query may carry a key (?key=...).
      problems.add(path, "must not have a query or fragment; put keys in api_key or headers");
      return null;
    }
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  private Secret apiKey(Node node, String path, ProviderType type, OpenAiPreset preset) {
    if (type == ProviderType.BEDROCK && !NodeReader.absent(node)) {
      problems.add(
          path,
          "not allowed for type bedrock; credentials come from the standard AWS chain"
              + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, instance role)");
      return null;
    }
    boolean needed =
        preset != null
            ? preset.needsKey()
            : type == ProviderType.OPENAI
                || type == ProviderType.AZURE
                || type == ProviderType.ANTHROPIC
                || type == ProviderType.GEMINI;
    String forType =
        type == null
            ? ""
            : "; type "
                + (preset != null ? preset.configName() : type.configName())
                + " requires an API key";
    if (NodeReader.absent(node)) {
      if (needed) {
        problems.add(path, "required but missing" + forType + ", e.g. api_key: ${API_KEY}");
      }
      return null;
    }
    Text t = r.text(node, path, true);
    if (t == null) {
      return null;
    }
    if (t.value().isEmpty()) {
      if (needed) {
        problems.add(path, "is empty" + forType);
      }
      return null;
    }
    if (t.value().chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      problems.add(path, "contains whitespace or control characters (value not shown)");
      return null;
    }
    return Secret.of(t.value());
  }

  private String apiVersion(Node node, String path, ProviderType type) {
    if (type == ProviderType.AZURE) {
      return r.required(node, path, "Azure's api-version, e.g. 2024-10-21");
    }
    if (type == ProviderType.ANTHROPIC) {
      String v = r.string(node, path, ProviderConfig.DEFAULT_ANTHROPIC_VERSION).strip();
      if (v.isEmpty()) {
        problems.add(path, "must not be empty; expected e.g. 2023-06-01");
      }
      return v;
    }
    if (type != null && !NodeReader.absent(node)) {
      problems.add(
          path, "not allowed for type " + type.configName() + "; only azure and anthropic use it");
    }
    return null;
  }

  private Map<String, String> headers(Node node, String path) {
    Map<String, Node> m = r.map(node, path, null);
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (m == null) {
      return Map.of();
    }
    for (Map.Entry<String, Node> e : m.entrySet()) {
      String name = e.getKey();
      String hPath = path + "." + name;
      if (!name.chars().allMatch(ProviderReader::isTokenChar)) {
        problems.add(hPath, "'" + name + "' is not a valid header name");
        continue;
      }
      if (MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        problems.add(hPath, "is set by Gantry and cannot be configured");
        continue;
      }
      if (out.containsKey(name)) {
        problems.add(hPath, "duplicate header (names are case-insensitive)");
        continue;
      }
      if (NodeReader.absent(e.getValue())) {
        problems.add(hPath, "missing value; expected a string");
        continue;
      }
      Text t = r.text(e.getValue(), hPath, true);
      if (t == null) {
        continue;
      }
      if (t.value().chars().anyMatch(c -> c != '\t' && Character.isISOControl(c))) {
        problems.add(
            hPath,
            NodeReader.show(t, true) + " is not a valid header value; it has control characters");
        continue;
      }
      out.put(name, t.value());
    }
    return new LinkedHashMap<>(out);
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }

  private Timeouts timeouts(Node node, String path) {
    Timeouts d = Timeouts.DEFAULTS;
    Map<String, Node> m = r.map(node, path, TIMEOUT_KEYS);
    if (m == null) {
      return d;
    }
    Duration connect = r.duration(m.get("connect"), path + ".connect", d.connect(), false);
    Duration firstByte =
        r.duration(m.get("first_byte"), path + ".first_byte", d.firstByte(), false);
    Duration idle = r.duration(m.get("idle"), path + ".idle", d.idle(), false);
    Duration total = r.duration(m.get("total"), path + ".total", d.total(), false);
    return new Timeouts(connect, firstByte, idle, total);
  }
}
