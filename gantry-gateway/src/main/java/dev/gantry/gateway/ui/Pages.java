package dev.gantry.gateway.ui;

/** The dashboard's server-made pages: the login form and plain messages. Stateless. */
final class Pages {
  private Pages() {}

  static String login(String problem) {
    return head("Gantry — log in")
        + "<main class=\"login\"><h1>Gantry</h1><p>Log in with an operator or admin key.</p>"
        + (problem == null ? "" : "<p class=\"problem\" id=\"problem\">" + escape(problem) + "</p>")
        + "<form method=\"post\" action=\"/ui/login\" autocomplete=\"off\">"
        + "<label for=\"key\">API key</label>"
        + "<input id=\"key\" name=\"key\" type=\"password\" required>"
        + "<button id=\"login\" type=\"submit\">Log in</button></form></main></body></html>";
  }

  static String message(String title, String text) {
    return head("Gantry — " + title)
        + "<main class=\"login\"><h1>"
        + escape(title)
        + "</h1><p>"
        + escape(text)
        + "</p><p><a href=\"/ui\">Back</a></p></main></body></html>";
  }

  private static String head(String title) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title><link rel=\"icon\" href=\"data:,\">"
        + "<link rel=\"stylesheet\" href=\"/ui/assets/style.css\"></head><body>";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
