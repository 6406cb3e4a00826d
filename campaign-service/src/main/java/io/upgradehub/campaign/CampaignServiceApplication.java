package io.upgradehub.campaign;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Verification and batch upgrades: which device gets which firmware when, through per-device
 * upgrade jobs and their state machine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
@EnableScheduling
public class CampaignServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(CampaignServiceApplication.class, args);
  }
}
