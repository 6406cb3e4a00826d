package io.upgradehub.packages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Upgrade packages: metadata, streamed upload to object storage, digests and signatures. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PackageServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(PackageServiceApplication.class, args);
  }
}
