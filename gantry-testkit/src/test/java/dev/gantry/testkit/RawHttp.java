package dev.gantry.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client that writes exactly the bytes it is given to a socket and reads back one HTTP/1.x
 * response, or notices that the server closed the connection without one, or that nothing came
 * before a deadline. For protocol abuse, where ordinary clients refuse to send what is needed.
 */
final class RawHttp {
  private RawHttp() {}

  /** What came back on one connection. */
  record Reply(
      int status, Map<String, String> headers, String body, Outcome outcome, byte[] trailing) {
    Reply(int status, Map<String, String> headers, String body, Outcome outcome) {
      this(status, headers, body, outcome, new byte[0]);
    }

    /** The further responses that came after this one on the connection (pipelined requests). */
    java.util.List<Reply> following() throws IOException {
      java.util.List<Reply> out = new java.util.ArrayList<>();
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(trailing);
      while (in.available() > 0) {
        out.add(read(in));
      }
      return out;
    }

    boolean answered() {
      return outcome == Outcome.ANSWERED;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return outcome == Outcome.ANSWERED ? status + " " + headers + " " + body : outcome.name();
    }
  }

  /** How one exchange ended. */
  enum Outcome {
    /** A complete response was read. */
    ANSWERED,
    /** The server closed the connection without sending a response. */
    CLOSED,
    /** Nothing (or only part of a response) arrived before the deadline. */
    SILENT
  }

  /** Sends {@code request} on a new connection and reads one response within {@code millis}. */
  static Reply send(URI base, byte[] request, long millis) {
    try (Socket s = open(base, millis)) {
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      return read(s.getInputStream());
    } catch (SocketTimeoutException e) {
      return new Reply(0, Map.of(), "", Outcome.SILENT);
    } catch (IOException e) {
      return new Reply(0, Map.of(), "", Outcome.CLOSED);
    }
  }

  static Reply send(URI base, String request, long millis) {
    return send(base, request.getBytes(StandardCharsets.ISO_8859_1), millis);
  }

  /** A connected socket whose reads give up after {@code millis}. */
  static Socket open(URI base, long millis) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
    s.setSoTimeout((int) millis);
    return s;
  }

  /**
   * Sends {@code request} on a new connection, reads one response within {@code millis}, then waits
   * up to {@code quietMillis} for anything more: {@link Reply#trailing} counts bytes that came
   * after the response (a second answer to one request).
   */
  static Reply exchange(URI base, byte[] request, long millis, long quietMillis) {
    try (Socket s = open(base, millis)) {
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedEarly) {
        // the server may answer and close before reading everything: read what it said
      }
      Reply r = read(s.getInputStream());
      if (r.outcome() != Outcome.ANSWERED) {
        return r;
      }
      s.setSoTimeout((int) quietMillis);
      ByteArrayOutputStream more = new ByteArrayOutputStream();
      try {
        byte[] buf = new byte[4096];
        int n;
        while ((n = s.getInputStream().read(buf)) > 0) {
          more.write(buf, 0, n);
        }
      } catch (IOException quietOrReset) {
        // nothing more within the quiet time, or the connection went away: both fine
      }
      return new Reply(r.status(), r.headers(), r.body(), r.outcome(), more.toByteArray());
    } catch (SocketTimeoutException e) {
      return new Reply(0, Map.of(), "", Outcome.SILENT);
    } catch (IOException e) {
      return new Reply(0, Map.of(), "", Outcome.CLOSED);
    }
  }

  /**
   * Reads one final response from {@code in} (skipping {@code 100 Continue}); {@link
   * Outcome#CLOSED} if the stream ends first.
   */
  static Reply read(InputStream in) throws IOException {
    Reply r = readOne(in);
    while (r.answered() && r.status() == 100) {
      r = readOne(in);
    }
    return r;
  }

  private static Reply readOne(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) {
      int b;
      try {
        b = in.read();
      } catch (SocketTimeoutException e) {
        return new Reply(0, Map.of(), "", Outcome.SILENT);
      } catch (IOException reset) {
        return new Reply(0, Map.of(), "", Outcome.CLOSED);
      }
      if (b < 0) {
        return new Reply(0, Map.of(), "", Outcome.CLOSED);
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body;
    try {
      if (status == 100 || status == 204 || status == 304) {
        body = new byte[0];
      } else if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = chunked(in);
      } else {
        body = in.readAllBytes();
      }
    } catch (SocketTimeoutException e) {
      return new Reply(status, headers, "", Outcome.SILENT);
    }
    return new Reply(status, headers, new String(body, StandardCharsets.UTF_8), Outcome.ANSWERED);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(in).trim();
      int semi = size.indexOf(';');
      int n = Integer.parseInt(semi < 0 ? size : size.substring(0, semi), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(n));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
