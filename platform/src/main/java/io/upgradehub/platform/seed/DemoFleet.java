package io.upgradehub.platform.seed;

import java.util.List;
import java.util.Map;

/**
 * The demo products (matching the demo packages) and a few registered devices per product, on
 * versions the demo packages upgrade from, so that inventory and version lists have data at once.
 *
 * @param modules the product's modules besides {@code default}
 * @param devices device name → module → version
 */
record DemoFleet(
    String productKey,
    String name,
    List<String> modules,
    Map<String, Map<String, String>> devices) {

  static final List<DemoFleet> ALL =
      List.of(
          new DemoFleet(
              "demo-thermostat",
              "Demo thermostat",
              List.of(),
              Map.of(
                  "thermostat-001", Map.of("default", "1.1.0"),
                  "thermostat-002", Map.of("default", "1.1.0"),
                  "thermostat-003", Map.of("default", "1.1.0"),
                  "thermostat-004", Map.of("default", "1.0.0"),
                  "thermostat-005", Map.of("default", "1.2.0"))),
          new DemoFleet(
              "demo-gateway",
              "Demo gateway",
              List.of("mcu"),
              Map.of(
                  "gateway-001", Map.of("default", "3.0.0", "mcu", "1.9.0"),
                  "gateway-002", Map.of("default", "3.0.0", "mcu", "2.0.0"),
                  "gateway-003", Map.of("default", "3.0.1", "mcu", "2.0.1"))));

  String productJson() {
    StringBuilder modulesJson = new StringBuilder("[{\"name\":\"default\"}");
    modules.forEach(module -> modulesJson.append(",{\"name\":\"").append(module).append("\"}"));
    return "{\"productKey\":\""
        + productKey
        + "\",\"name\":\""
        + name
        + "\",\"description\":\"Demo product\",\"modules\":"
        + modulesJson
        + "]}";
  }

  static String deviceJson(String deviceName, Map<String, String> versions) {
    StringBuilder json = new StringBuilder("{\"deviceName\":\"" + deviceName + "\",\"versions\":{");
    versions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                    .append('"')
                    .append(e.getKey())
                    .append("\":\"")
                    .append(e.getValue())
                    .append('"'));
    return json.append("}}").toString();
  }
}
