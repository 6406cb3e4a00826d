package io.upgradehub.adapter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;

/**
 * The devices' side of the platform: reads what devices publish over MQTT, validates it against the
 * device protocol ({@code docs/device-protocol.md}) and publishes device events to Kafka; turns the
 * platform's commands from Kafka into device messages, with presigned download URLs from
 * package-service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
public class DeviceAdapterApplication {

  public static void main(String[] args) {
    SpringApplication.run(DeviceAdapterApplication.class, args);
  }
}
