package io.upgradehub.e2e.deploy;

import static io.upgradehub.e2e.deploy.Repository.list;
import static io.upgradehub.e2e.deploy.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and k8s/ checked as files (no Docker engine or cluster needed): they parse,
 * they deploy exactly the Spring Boot modules of the build, every environment variable they give a
 * service sets a configuration key that service really has (declared in its application.yml or its
 * {@code @ConfigurationProperties} records, matched by Spring's own relaxed binding), and the
 * gateway is given the address of every service its routes go to.
 */
class DeploymentDescriptorsTests {

  private static final Repository REPO = Repository.locate();

  // ---------------------------------------------------------------- docker-compose.yml

  private static Map<String, Object> composeServices() {
    List<Object> documents = Repository.loadAll(REPO.root.resolve("docker-compose.yml"));
    assertThat(documents).hasSize(1);
    return map(map(documents.get(0)).get("services"));
  }

  /** Services built from a module of this repository (the others are infrastructure images). */
  private static Map<String, Map<String, Object>> composeBuiltServices() {
    Map<String, Map<String, Object>> built = new LinkedHashMap<>();
    composeServices()
        .forEach(
            (name, service) -> {
              if (map(service).containsKey("build")) {
                built.put(name, map(service));
              }
            });
    return built;
  }

  @Test
  void composeBuildsEachServiceFromItsBootModule() {
    Map<String, Map<String, Object>> built = composeBuiltServices();

    assertThat(built.keySet()).containsExactlyInAnyOrderElementsOf(REPO.bootModules());
    built.forEach(
        (name, service) -> {
          Map<String, Object> build = map(service.get("build"));
          assertThat(map(build.get("args")).get("MODULE")).as(name).isEqualTo(name);
          assertThat(REPO.root.resolve(String.valueOf(build.get("dockerfile"))))
              .as(name)
              .isRegularFile();
          assertThat(REPO.isBootModule(name)).as(name).isTrue();
        });
  }

  @Test
  void composeRunsTheInfrastructureTheServicesNeed() {
    assertThat(composeServices())
        .containsKeys("mongo", "kafka", "minio", "mosquitto")
        .allSatisfy(
            (name, service) ->
                assertThat(map(service).get("image")).as(name + " image").isNotNull());
  }

  @Test
  void composeGivesServicesOnlyEnvironmentVariablesThatSetTheirConfigKeys() {
    List<String> unknown = new ArrayList<>();
    composeBuiltServices()
        .forEach(
            (name, service) -> {
              ConfigKeys keys = REPO.configKeys(name);
              map(service.get("environment"))
                  .keySet()
                  .forEach(
                      variable -> {
                        if (!keys.isSetBy(variable)) {
                          unknown.add(name + ": " + variable);
                        }
                      });
            });

    assertThat(unknown)
        .as("environment variables naming no key of the service's application.yml")
        .isEmpty();
  }

  @Test
  void composeChecksEveryServicesHealthAndPublishesOnLoopbackOnly() {
    Map<String, Object> services = composeServices();
    services.forEach(
        (name, node) -> {
          Map<String, Object> service = map(node);
          assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
          for (Object port : list(service.get("ports"))) {
            assertThat(String.valueOf(port)).as(name + " port").startsWith("127.0.0.1:");
          }
          assertThat(map(service.get("depends_on")).keySet())
              .as(name + " depends_on")
              .allMatch(services::containsKey);
        });
    composeBuiltServices()
        .forEach(
            (name, service) ->
                assertThat(list(map(service.get("healthcheck")).get("test")).toString())
                    .as(name)
                    .contains("/actuator/health/readiness"));
  }

  // ---------------------------------------------------------------- k8s/

  private static List<Path> k8sFiles() {
    try (Stream<Path> files = Files.list(REPO.root.resolve("k8s"))) {
      return files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every manifest of k8s/ (the kustomization excluded). */
  private static List<Map<String, Object>> manifests() {
    List<Map<String, Object>> manifests = new ArrayList<>();
    for (Path file : k8sFiles()) {
      if (!file.getFileName().toString().startsWith("kustomization")) {
        Repository.loadAll(file).stream()
            .filter(doc -> doc != null)
            .map(Repository::map)
            .forEach(manifests::add);
      }
    }
    return manifests;
  }

  /** Deployments, and StatefulSets where a service needs a stable identity per pod. */
  private static List<Map<String, Object>> workloads() {
    List<Map<String, Object>> workloads = new ArrayList<>(ofKind("Deployment"));
    workloads.addAll(ofKind("StatefulSet"));
    return workloads;
  }

  private static List<Map<String, Object>> ofKind(String kind) {
    return manifests().stream().filter(m -> kind.equals(m.get("kind"))).toList();
  }

  private static String name(Map<String, Object> manifest) {
    return String.valueOf(map(manifest.get("metadata")).get("name"));
  }

  /** The data keys of each ConfigMap and Secret, by "Kind/name". */
  private static Map<String, Set<String>> dataKeys() {
    Map<String, Set<String>> keys = new HashMap<>();
    for (Map<String, Object> manifest : manifests()) {
      Object kind = manifest.get("kind");
      if ("ConfigMap".equals(kind) || "Secret".equals(kind)) {
        Set<String> names = new TreeSet<>(map(manifest.get("data")).keySet());
        names.addAll(map(manifest.get("stringData")).keySet());
        keys.put(kind + "/" + name(manifest), names);
      }
    }
    return keys;
  }

  private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
    Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
    return list(podSpec.get("containers")).stream().map(Repository::map).toList();
  }

  @Test
  void k8sManifestsParseAndTheKustomizationListsEachOfThem() {
    Path kustomization = REPO.root.resolve("k8s/kustomization.yaml");
    List<Object> resources = list(map(Repository.loadAll(kustomization).get(0)).get("resources"));

    assertThat(manifests()).isNotEmpty().allSatisfy(m -> assertThat(m).containsKeys("kind"));
    assertThat(resources)
        .map(String::valueOf)
        .allSatisfy(resource -> assertThat(REPO.root.resolve("k8s").resolve(resource)).exists());
    assertThat(k8sFiles())
        .map(f -> f.getFileName().toString())
        .filteredOn(f -> !f.startsWith("kustomization"))
        .allSatisfy(file -> assertThat(resources).contains(file));
  }

  @Test
  void k8sDeploysEachBootModuleWithAServiceProbesAndResources() {
    List<Map<String, Object>> deployments = workloads();

    assertThat(deployments)
        .map(DeploymentDescriptorsTests::name)
        .containsExactlyInAnyOrderElementsOf(REPO.bootModules());
    Set<String> services =
        new TreeSet<>(ofKind("Service").stream().map(DeploymentDescriptorsTests::name).toList());
    for (Map<String, Object> deployment : deployments) {
      String name = name(deployment);
      assertThat(services).as(name + " Service").contains(name);
      Map<String, Object> spec = map(deployment.get("spec"));
      assertThat(map(map(spec.get("template")).get("metadata")).get("labels"))
          .as(name + " pod labels")
          .isEqualTo(map(spec.get("selector")).get("matchLabels"));
      assertThat(containers(deployment))
          .as(name)
          .isNotEmpty()
          .allSatisfy(
              container -> {
                assertThat(probePath(container, "livenessProbe"))
                    .isEqualTo("/actuator/health/liveness");
                assertThat(probePath(container, "readinessProbe"))
                    .isEqualTo("/actuator/health/readiness");
                Map<String, Object> resources = map(container.get("resources"));
                assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits"))).containsKeys("memory");
              });
    }
  }

  private static Object probePath(Map<String, Object> container, String probe) {
    return map(map(container.get(probe)).get("httpGet")).get("path");
  }

  @Test
  void k8sReferencesOnlyConfigMapsAndSecretsThatExistWithTheirKeys() {
    Map<String, Set<String>> dataKeys = dataKeys();
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> deployment : workloads()) {
      for (Map<String, Object> container : containers(deployment)) {
        for (Object from : list(container.get("envFrom"))) {
          envFromSource(map(from))
              .ifPresent(
                  ref -> {
                    if (!dataKeys.containsKey(ref)) {
                      missing.add(name(deployment) + " envFrom " + ref);
                    }
                  });
        }
        for (Object env : list(container.get("env"))) {
          Map<String, Object> valueFrom = map(map(env).get("valueFrom"));
          for (String kind : List.of("secretKeyRef", "configMapKeyRef")) {
            Map<String, Object> ref = map(valueFrom.get(kind));
            if (!ref.isEmpty()) {
              String source =
                  (kind.startsWith("secret") ? "Secret/" : "ConfigMap/") + ref.get("name");
              if (!dataKeys
                  .getOrDefault(source, Set.of())
                  .contains(String.valueOf(ref.get("key")))) {
                missing.add(name(deployment) + " " + source + " key " + ref.get("key"));
              }
            }
          }
        }
      }
      Map<String, Object> podSpec =
          map(map(map(deployment.get("spec")).get("template")).get("spec"));
      for (Object volume : list(podSpec.get("volumes"))) {
        Object secretName = map(map(volume).get("secret")).get("secretName");
        if (secretName != null && !dataKeys.containsKey("Secret/" + secretName)) {
          missing.add(name(deployment) + " volume Secret/" + secretName);
        }
      }
    }

    assertThat(missing).isEmpty();
  }

  private static java.util.Optional<String> envFromSource(Map<String, Object> from) {
    Object configMap = map(from.get("configMapRef")).get("name");
    Object secret = map(from.get("secretRef")).get("name");
    return configMap != null
        ? java.util.Optional.of("ConfigMap/" + configMap)
        : java.util.Optional.ofNullable(secret).map(s -> "Secret/" + s);
  }

  @Test
  void k8sGivesServicesOnlyEnvironmentVariablesThatSetTheirConfigKeys() {
    Map<String, Set<String>> dataKeys = dataKeys();
    List<String> unknown = new ArrayList<>();
    for (Map<String, Object> deployment : workloads()) {
      String name = name(deployment);
      ConfigKeys keys = REPO.configKeys(name);
      for (Map<String, Object> container : containers(deployment)) {
        List<String> variables = new ArrayList<>();
        list(container.get("env"))
            .forEach(env -> variables.add(String.valueOf(map(env).get("name"))));
        list(container.get("envFrom"))
            .forEach(
                from ->
                    envFromSource(map(from))
                        .ifPresent(ref -> variables.addAll(dataKeys.getOrDefault(ref, Set.of()))));
        variables.stream().filter(v -> !keys.isSetBy(v)).forEach(v -> unknown.add(name + ": " + v));
      }
    }

    assertThat(unknown)
        .as("environment variables naming no key of the service's application.yml")
        .isEmpty();
  }

  // ---------------------------------------------------------------- the gateway's services

  private static final Pattern SERVICE_URI =
      Pattern.compile("\\$\\{upgradehub\\.services\\.([\\w-]+)}");

  /** The services the gateway's routes go to: each {@code ${upgradehub.services.<name>}}. */
  private static Set<String> routedServices() {
    Set<String> routed = new TreeSet<>();
    Path file = REPO.root.resolve("gateway/src/main/resources/application.yml");
    for (Object document : Repository.loadAll(file)) {
      Map<String, Object> webflux =
          map(
              map(map(map(map(map(document).get("spring")).get("cloud")).get("gateway"))
                      .get("server"))
                  .get("webflux"));
      for (Object route : list(webflux.get("routes"))) {
        Matcher uri = SERVICE_URI.matcher(String.valueOf(map(route).get("uri")));
        if (uri.matches()) {
          routed.add(uri.group(1));
        }
      }
    }
    return routed;
  }

  /** The gateway's variable for a service's base URL, as its application.yml documents it. */
  private static String serviceUrlVariable(String service) {
    return "UPGRADEHUB_SERVICES_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  @Test
  void composeGivesTheGatewayTheAddressOfEveryServiceItRoutesTo() {
    Set<String> routed = routedServices();
    Map<String, Object> services = composeServices();
    Map<String, Object> gateway = map(services.get("gateway"));
    Map<String, Object> environment = map(gateway.get("environment"));

    assertThat(routed).isNotEmpty().allMatch(REPO::isBootModule);
    for (String service : routed) {
      String url = String.valueOf(environment.get(serviceUrlVariable(service)));
      Matcher address =
          Pattern.compile("http://" + Pattern.quote(service) + ":(\\d+)").matcher(url);
      assertThat(address.matches()).as(service + ": " + url).isTrue();
      assertThat(list(map(map(services.get(service)).get("healthcheck")).get("test")).toString())
          .as(service + " answers on the port the gateway uses")
          .contains("localhost:" + address.group(1) + "/");
      assertThat(map(gateway.get("depends_on"))).as("gateway depends_on").containsKey(service);
    }
  }

  @Test
  void k8sGivesTheGatewayTheAddressOfEveryServiceItRoutesTo() {
    Map<String, Object> config =
        ofKind("ConfigMap").stream()
            .filter(m -> name(m).equals("gateway-config"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> data = map(config.get("data"));

    for (String service : routedServices()) {
      String url = String.valueOf(data.get(serviceUrlVariable(service)));
      Matcher address =
          Pattern.compile("http://" + Pattern.quote(service) + ":(\\d+)").matcher(url);
      assertThat(address.matches()).as(service + ": " + url).isTrue();
      List<String> ports =
          ofKind("Service").stream()
              .filter(m -> name(m).equals(service))
              .flatMap(m -> list(map(m.get("spec")).get("ports")).stream())
              .map(port -> String.valueOf(map(port).get("port")))
              .toList();
      assertThat(ports).as(service + " Service ports").contains(address.group(1));
    }
  }

  // ---------------------------------------------------------------- the checker itself

  @Test
  void recognisesAVariableOnlyWhenSpringWouldBindItToADeclaredKey() {
    ConfigKeys keys =
        ConfigKeys.of(
            List.of(
                Map.of(
                    "upgradehub",
                    Map.of(
                        "storage", Map.of("access-key", "a", "endpoint", "e"),
                        "gateway", Map.of("api-keys", List.of())))));

    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_ACCESS_KEY")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_ACCESSKEY")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_ENDPOINT")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_GATEWAY_APIKEYS_0_SHA256")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_GATEWAY_API_KEYS_0_SHA256")).isTrue();
    assertThat(keys.isSetBy("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
    assertThat(keys.isSetBy("JAVA_TOOL_OPTIONS")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_ENDPIONT")).isFalse();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE")).isFalse();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_PUBLIC_ENDPOINT")).isFalse();
  }

  @Test
  void countsTheComponentsOfConfigurationPropertiesRecordsAsKeys() {
    PropertiesRecords records = new PropertiesRecords();
    records.read(
        """
        @ConfigurationProperties("upgradehub.storage")
        public record StorageProperties(
            @DefaultValue("http://127.0.0.1:9000") URI endpoint,
            @Nullable URI publicEndpoint,
            @DefaultValue("a,b") List<String> names,
            Map<String, Integer> limits) {}
        """);
    ConfigKeys keys = ConfigKeys.of(List.of(), records);

    assertThat(records.leaves)
        .containsExactly(
            "upgradehub.storage.endpoint",
            "upgradehub.storage.public-endpoint",
            "upgradehub.storage.names",
            "upgradehub.storage.limits");
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_PUBLIC_ENDPOINT")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_NAMES_0")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_LIMITS_PARTS")).isTrue();
    assertThat(keys.isSetBy("UPGRADEHUB_STORAGE_ENDPOINT_HOST")).isFalse();
  }
}
