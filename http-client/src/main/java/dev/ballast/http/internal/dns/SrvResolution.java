package dev.ballast.http.internal.dns;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code discovery=dns-srv}: the endpoints are the SRV records of the name (RFC 2782), each
 * target's addresses (A and AAAA) at the record's port with the record's weight.
 *
 * <ul>
 *   <li><b>Priority.</b> Only the lowest priority present is used: higher ones are the backups RFC
 *       2782 says to try only when every target of the lower one is unreachable, and lb-core's
 *       health checks and ejection already steer away from unreachable endpoints within the set.
 *   <li><b>Weight.</b> The record's weight becomes the endpoint's (0, which RFC 2782 gives a small
 *       chance, becomes 1); every address of a target gets the target's weight.
 *   <li><b>Targets.</b> A target whose lookup says it has no address (NXDOMAIN, or no records) is
 *       skipped and logged once: it was removed between the two answers, or is broken, and one bad
 *       record must not freeze the set. A target that gets no answer fails the whole resolution
 *       (the set would be incomplete), as does an answer in which no target has an address.
 *   <li><b>Empty.</b> An authoritative answer with no SRV record, or only the target {@code .}
 *       ("decidedly not available", RFC 2782), is an empty set; otherwise as for {@code dns}.
 * </ul>
 *
 * <p>The set's TTL is the smallest of the SRV answer's and the targets' answers'. One instance per
 * discovery; its skip memo is touched only by the discovery's serial resolutions.
 */
final class SrvResolution {
  private static final Logger log = LoggerFactory.getLogger(SrvResolution.class);

  private record Srv(int priority, int weight, int port, String target) {}

  private final String service;
  private final DnsSettings settings;
  // Targets skipped in the last resolution and why: each is logged when it starts or changes.
  private Map<String, String> skipped = Map.of();

  SrvResolution(String service, DnsSettings settings) {
    this.service = service;
    this.settings = settings;
  }

  CompletableFuture<Resolved> resolve(DnsNameResolver resolver) {
    return DnsQuery.ask(resolver, settings.name(), DnsRecordType.SRV, SrvResolution::srv)
        .thenCompose(answer -> targets(resolver, answer));
  }

  private CompletableFuture<Resolved> targets(
      DnsNameResolver resolver, DnsQuery.Answer<Srv> answer) {
    if (answer.records().isEmpty()) {
      if (!answer.authoritative()) {
        return CompletableFuture.failedFuture(
            new DnsProblem(
                DnsProblem.Kind.NO_RECORDS,
                "SRV "
                    + settings.name()
                    + ": no records in a non-authoritative answer (not trusted as scaled to zero)",
                null));
      }
      return CompletableFuture.completedFuture(new Resolved(List.of(), 0));
    }
    int lowest = Integer.MAX_VALUE;
    for (Srv s : answer.records()) {
      if (!s.target().equals(".")) {
        lowest = Math.min(lowest, s.priority());
      }
    }
    if (lowest == Integer.MAX_VALUE) {
      return CompletableFuture.completedFuture(new Resolved(List.of(), answer.ttlSeconds()));
    }
    List<Srv> chosen = new ArrayList<>();
    Map<String, CompletableFuture<AddressLookup.Addresses>> lookups = new LinkedHashMap<>();
    for (Srv s : answer.records()) {
      if (s.priority() == lowest && !s.target().equals(".")) {
        chosen.add(s);
        lookups.computeIfAbsent(s.target(), t -> AddressLookup.lookup(resolver, t));
      }
    }
    return CompletableFuture.allOf(lookups.values().toArray(new CompletableFuture<?>[0]))
        .handle((ignored, failure) -> combine(chosen, lookups, answer.ttlSeconds()));
  }

  private Resolved combine(
      List<Srv> chosen,
      Map<String, CompletableFuture<AddressLookup.Addresses>> lookups,
      long srvTtl) {
    long ttl = srvTtl;
    Map<String, AddressLookup.Addresses> found = new HashMap<>();
    Map<String, String> skippedNow = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<AddressLookup.Addresses>> e : lookups.entrySet()) {
      try {
        AddressLookup.Addresses a = e.getValue().join();
        ttl = Math.min(ttl, a.ttlSeconds());
        if (a.addresses().isEmpty()) {
          skippedNow.put(e.getKey(), "no A or AAAA records");
        } else {
          found.put(e.getKey(), a);
        }
      } catch (CompletionException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof DnsProblem p && p.kind() != DnsProblem.Kind.UNANSWERED) {
          skippedNow.put(e.getKey(), p.getMessage());
        } else {
          throw ex;
        }
      }
    }
    logSkipped(skippedNow);
    List<DiscoveredEndpoint> endpoints = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Srv s : chosen) {
      AddressLookup.Addresses a = found.get(s.target());
      if (a == null) {
        continue;
      }
      for (InetAddress address : a.addresses()) {
        Endpoint e =
            Resolved.endpoint(
                address, s.port(), Math.max(1, s.weight()), settings.zones(), s.target());
        // Two records naming one address and port: the first (in answer order) wins.
        if (ids.add(e.id())) {
          endpoints.add(DiscoveredEndpoint.serving(e));
        }
      }
    }
    if (endpoints.isEmpty()) {
      throw new CompletionException(
          new DnsProblem(
              DnsProblem.Kind.NO_RECORDS,
              "SRV "
                  + settings.name()
                  + ": none of its targets has an address "
                  + skippedNow.keySet(),
              null));
    }
    return new Resolved(endpoints, ttl == Long.MAX_VALUE ? 0 : ttl);
  }

  private void logSkipped(Map<String, String> now) {
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (!e.getValue().equals(skipped.get(e.getKey()))) {
        log.warn(
            "Service '{}': skipping SRV target {} of {}: {}",
            service,
            e.getKey(),
            settings.name(),
            e.getValue());
      }
    }
    skipped = Map.copyOf(now);
  }

  private static Srv srv(DnsRawRecord record) {
    ByteBuf c = record.content().duplicate();
    if (c.readableBytes() < 7) {
      throw new IllegalArgumentException(
          "SRV record of " + c.readableBytes() + " bytes (expected: at least 7)");
    }
    int priority = c.readUnsignedShort();
    int weight = c.readUnsignedShort();
    int port = c.readUnsignedShort();
    // The record's buffer is a view of the whole message, so compression pointers resolve.
    String target = DefaultDnsRecordDecoder.decodeName(c);
    return new Srv(priority, weight, port, target);
  }
}
