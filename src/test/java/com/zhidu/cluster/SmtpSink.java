package com.zhidu.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal SMTP server that accepts every message and keeps the value of one header per message (the
 * outbox's idempotency key), so a test can see each mail arrive exactly once. Starting it is "the mail
 * server comes back"; before that the port is closed and sending fails.
 */
final class SmtpSink implements AutoCloseable {

  final Queue<String> received = new ConcurrentLinkedQueue<>();
  private final String header;
  private final ServerSocket server;
  private final Thread acceptor;

  SmtpSink(int port, String header) throws IOException {
    this.header = header.toLowerCase(Locale.ROOT) + ":";
    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "smtp-sink");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread session = new Thread(() -> session(socket), "smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket socket) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 sink ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO")) {
          reply(out, "250-sink", "250-8BITMIME", "250 SMTPUTF8");
        } else if (command.startsWith("DATA")) {
          reply(out, "354 go ahead");
          String key = null;
          boolean inHeaders = true;
          while ((line = in.readLine()) != null && !line.equals(".")) {
            if (line.isEmpty()) {
              inHeaders = false;
            } else if (inHeaders && line.toLowerCase(Locale.ROOT).startsWith(header)) {
              key = line.substring(header.length()).strip();
            }
          }
          received.add(key == null ? "(no key)" : key);
          reply(out, "250 queued");
        } else if (command.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          reply(out, "250 ok");
        }
      }
    } catch (IOException e) {
      // the sender hung up
    }
  }

  private static void reply(OutputStream out, String... lines) throws IOException {
    for (String line : lines) {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.flush();
  }

  List<String> keys() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
