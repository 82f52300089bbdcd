package dev.baton.service.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.workflows.model.NetworkAttachment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compose networks: the top-level {@code networks} an app declares and each service's {@code
 * networks} (a list of names, or a mapping of names to {@code aliases}). Every network is the app's
 * own, on every host it uses, a bridge: services on no common network cannot reach each other by
 * name, as in Compose. A service that lists none is on {@code default}, which always exists.
 */
final class NetworksBuilder {
  // Compose's rule for keys, which Docker's network names also take.
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private final ComposeProblems problems;
  private final ValueReader values;

  NetworksBuilder(ComposeProblems problems, ValueReader values) {
    this.problems = problems;
    this.values = values;
  }

  /** The networks the file declares, {@code default} included. */
  Set<String> declared(JsonNode networks) {
    Set<String> names = new TreeSet<>(Set.of(NetworkAttachment.DEFAULT));
    if (!values.mapping("networks", networks)) {
      return names;
    }
    networks
        .fields()
        .forEachRemaining(
            e -> {
              String path = "networks." + e.getKey();
              name(path, e.getKey());
              names.add(e.getKey());
              JsonNode n = e.getValue();
              if (n != null && n.isObject() && n.has("name")) {
                problems.warn(
                    path + ".name",
                    "ignored: Baton names the app's networks baton-<app>_<network> on each host");
              }
              if (values.mapping(path, n) && n.has("driver")) {
                if (!"bridge".equals(n.get("driver").asText())) {
                  problems.error(
                      path + ".driver",
                      "'"
                          + n.get("driver").asText()
                          + "' is not supported: Baton's networks are bridges on each host, and"
                          + " services reach each other across hosts through their balancers");
                }
              }
            });
    return names;
  }

  /** The service's networks, sorted by name; null when it lists none (then: default). */
  List<NetworkAttachment> attachments(String path, JsonNode node, Set<String> declared) {
    if (node == null || node.isNull()) {
      return null;
    }
    List<NetworkAttachment> out = new ArrayList<>();
    if (node.isArray()) {
      values.strings(
          path,
          node,
          "must be a network name",
          (p, name) -> out.add(attachment(p, name, List.of(), declared)));
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              e -> {
                String p = path + "." + e.getKey();
                List<String> aliases = new ArrayList<>();
                JsonNode v = e.getValue();
                if (values.mapping(p, v) && v.has("aliases")) {
                  JsonNode list = v.get("aliases");
                  if (list.isArray()) {
                    values.strings(
                        p + ".aliases",
                        list,
                        "must be a name",
                        (ap, alias) -> {
                          name(ap, alias);
                          aliases.add(alias);
                        });
                  } else {
                    problems.error(p + ".aliases", "must be a list of names");
                  }
                }
                out.add(attachment(p, e.getKey(), List.copyOf(aliases), declared));
              });
    } else {
      problems.error(path, "must be a list of network names or a mapping");
      return null;
    }
    if (out.isEmpty()) {
      problems.error(path, "must name at least one network (leave it out for 'default')");
      return null;
    }
    out.sort(Comparator.comparing(NetworkAttachment::network));
    return List.copyOf(out);
  }

  private NetworkAttachment attachment(
      String path, String name, List<String> aliases, Set<String> declared) {
    if (!declared.contains(name)) {
      problems.error(
          path,
          "network '"
              + name
              + "' is not declared under the top-level networks (declared: "
              + String.join(", ", declared)
              + ")");
    }
    return new NetworkAttachment(name, aliases);
  }

  private void name(String path, String name) {
    if (!NAME.matcher(name).matches()) {
      problems.error(path, "'" + name + "' is not a valid name (letters, digits, '_', '.', '-')");
    }
  }
}
