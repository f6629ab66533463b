package dev.gantry.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.core.api.ApiError;
import dev.gantry.core.api.Json;

/** The wire format a request arrived in, which decides the shape of its errors. */
enum Dialect {
  /** OpenAI and Azure OpenAI: {@code {"error":{"message","type","param","code"}}}. */
  OPENAI {
    @Override
    byte[] errorBody(SimError error) {
      int status = error.status();
      String type;
      String code;
      if (status == 401) {
        type = "invalid_request_error";
        code = "invalid_api_key";
      } else if (status == 404) {
        type = "invalid_request_error";
        code = "not_found";
      } else if (status == 429) {
        type = "rate_limit_error";
        code = "rate_limit_exceeded";
      } else if (status >= 500) {
        type = "server_error";
        code = null;
      } else {
        type = "invalid_request_error";
        code = null;
      }
      return Json.toBytes(
          new ApiError(status, error.message(), type, error.param(), code).toJson());
    }
  },
  /** Anthropic: {@code {"type":"error","error":{"type","message"}}}. */
  ANTHROPIC {
    @Override
    byte[] errorBody(SimError error) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("type", "error");
      ObjectNode inner = root.putObject("error");
      inner.put("type", anthropicType(error.status()));
      inner.put("message", error.message());
      return Json.toBytes(root);
    }
  };

  abstract byte[] errorBody(SimError error);

  static String anthropicType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
