package io.upgradehub.adapter.campaign;

/** campaign-service could not answer (unreachable, failing, or its breaker open). */
public class CampaignUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CampaignUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
