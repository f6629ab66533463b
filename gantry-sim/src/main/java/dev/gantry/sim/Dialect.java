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
  },

  /** Google Gemini: {@code {"error":{"code","message","status"}}}. */
  GEMINI {
    @Override
    byte[] errorBody(SimError error) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      ObjectNode inner = root.putObject("error");
      inner.put("code", error.status());
      inner.put("message", error.message());
      inner.put(
          "status",
          switch (error.status()) {
            case 400 -> "INVALID_ARGUMENT";
            case 401, 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
          });
      return Json.toBytes(root);
    }
  },
  /** AWS Bedrock: {@code {"message"}}, the error's name in {@code x-amzn-ErrorType}. */
  BEDROCK {
    @Override
    byte[] errorBody(SimError error) {
      return Json.toBytes(Json.MAPPER.createObjectNode().put("message", error.message()));
    }
  };

  abstract byte[] errorBody(SimError error);

  /** Bedrock's name of the error for a status. */
  static String awsErrorType(int status) {
    return switch (status) {
      case 400 -> "ValidationException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> "InternalServerException";
    };
  }

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
