package io.upgradehub.adapter.campaign;

import io.upgradehub.adapter.system.ResilientCalls;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.UpgradeCommand;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Asks campaign-service, which owns the jobs, whether a device's module has an open upgrade job,
 * through the Resilience4j retry and breaker {@value CampaignServiceClient#NAME}.
 */
@Service
public class OpenJobs {

  private final CampaignServiceClient client;
  private final ResilientCalls calls;

  OpenJobs(CampaignServiceClient client, ResilientCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /**
   * @return the job's command, or empty when none is open for the module at this version
   * @throws CampaignUnavailableException when campaign-service cannot answer now
   */
  public Optional<UpgradeCommand> find(DeviceKey device, String module, String version) {
    ResponseEntity<UpgradeCommand> answer;
    try {
      answer =
          calls.call(
              CampaignServiceClient.NAME,
              () -> client.openJob(device.productKey(), device.deviceName(), module, version));
    } catch (RuntimeException e) {
      throw new CampaignUnavailableException(
          "campaign-service cannot say whether " + device + " has a job: " + e, e);
    }
    if (answer.getStatusCode().value() == 204 || answer.getBody() == null) {
      return Optional.empty();
    }
    return Optional.of(answer.getBody());
  }
}
