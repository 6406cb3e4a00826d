package io.upgradehub.testsupport;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MongoDB-wire-protocol server (mongo-java-server) that the MongoDB Java driver talks to
 * over TCP. It has no multi-document transactions and ignores non-unique indexes, which is why the
 * services keep every state change single-document. In memory, a query with an {@code _id} equality
 * and further conditions is answered from the {@code _id} index, as on MongoDB ({@link
 * IdIndexFirstBackends}); the server alone would scan the collection for it. The H2 file backend
 * (the local run, the end-to-end platform) is the server's own and scans.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  /** An in-memory server on a free port: data lives as long as the JVM. */
  public static EmbeddedMongo inMemory() {
    return start(IdIndexFirstBackends.memory(), 0);
  }

  /** A server keeping its data in an H2 MVStore file, so it survives restarts. */
  public static EmbeddedMongo persistent(Path file, int port) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(new H2Backend(file.toAbsolutePath().toString()), port);
  }

  private static EmbeddedMongo start(MongoBackend backend, int port) {
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    return new EmbeddedMongo(server, server.getLocalAddress());
  }

  /** A connection string for {@code database} on this server. */
  public String connectionString(String database) {
    return "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
  }

  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
