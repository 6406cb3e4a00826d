package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.BatchRequest;
import io.upgradehub.campaign.system.QueryParameters;
import io.upgradehub.problems.Paging;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transferred-in device batches: intake, lists, detail, accept and reject (spec §4). */
@RestController
@RequestMapping(TransferController.TRANSFERS)
class TransferController {

  static final String TRANSFERS = "/api/v1/transfers";

  /** Set by the gateway to the name of the API key that made the request. */
  static final String PRINCIPAL = "X-UpgradeHub-Principal";

  /**
   * Who a request came from when it did not pass the gateway (a direct call inside the cluster).
   */
  static final String UNKNOWN_PRINCIPAL = "unknown";

  private final TransferIntake intake;
  private final TransferReview review;
  private final Transfers transfers;
  private final TransferDevices devices;
  private final TransferCancellation cancellation;

  TransferController(
      TransferIntake intake,
      TransferReview review,
      Transfers transfers,
      TransferDevices devices,
      TransferCancellation cancellation) {
    this.intake = intake;
    this.review = review;
    this.transfers = transfers;
    this.devices = devices;
    this.cancellation = cancellation;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TransferResponse> create(
      @RequestBody TransferRequest request,
      @RequestHeader(name = PRINCIPAL, required = false) @Nullable String principal) {
    Transfer transfer = intake.take(request, who(principal));
    return ResponseEntity.created(URI.create(TRANSFERS + "/" + transfer.id()))
        .body(TransferResponse.of(transfer));
  }

  /**
   * The same intake with the device names as a streamed CSV body ({@link CsvDeviceNames}) and the
   * other fields as parameters; the upgrade settings flattened ({@code retryCount}, {@code
   * abortFailurePercent}, …).
   */
  @PostMapping(consumes = "text/csv")
  ResponseEntity<TransferResponse> createFromCsv(
      @RequestParam(required = false) @Nullable String source,
      @RequestParam(required = false) @Nullable String productKey,
      @RequestParam(required = false) @Nullable String module,
      @RequestParam(required = false) @Nullable String startVersion,
      @RequestParam(required = false) @Nullable String targetVersion,
      @RequestParam(required = false) @Nullable Integer ratePerMinute,
      @RequestParam(required = false) @Nullable Integer retryCount,
      @RequestParam(required = false) @Nullable Integer retryIntervalSeconds,
      @RequestParam(required = false) @Nullable Integer timeoutMinutes,
      @RequestParam(required = false) @Nullable String mode,
      @RequestParam(required = false) @Nullable Integer abortFailurePercent,
      @RequestParam(required = false) @Nullable Long abortMinFinished,
      @RequestHeader(name = PRINCIPAL, required = false) @Nullable String principal,
      InputStream body)
      throws IOException {
    TransferRequest.Upgrade upgrade =
        new TransferRequest.Upgrade(
            ratePerMinute,
            retryCount == null && retryIntervalSeconds == null
                ? null
                : new BatchRequest.RetryRequest(retryCount, retryIntervalSeconds),
            timeoutMinutes,
            mode,
            abortFailurePercent == null && abortMinFinished == null
                ? null
                : new BatchRequest.AbortRequest(abortFailurePercent, abortMinFinished));
    return create(
        new TransferRequest(
            source,
            productKey,
            module,
            startVersion,
            targetVersion,
            CsvDeviceNames.read(body),
            upgrade),
        principal);
  }

  @GetMapping
  TransferPage list(
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String productName,
      @RequestParam(required = false) @Nullable String productKey,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    Paging.check(page, size);
    Transfers.Filter filter =
        new Transfers.Filter(
            QueryParameters.choice("status", status, TransferStatus.class),
            QueryParameters.text(productName),
            QueryParameters.text(productKey));
    return new TransferPage(
        transfers.page(filter, page, size).stream().map(TransferResponse::of).toList(),
        page,
        size,
        transfers.count(filter));
  }

  @GetMapping("/{transferId}")
  TransferResponse get(@PathVariable String transferId) {
    return TransferResponse.of(review.get(transferId));
  }

  @GetMapping("/{transferId}/devices")
  TransferDevicePage devices(
      @PathVariable String transferId,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String deviceName,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    Paging.check(page, size);
    TransferDeviceState checked = QueryParameters.choice("state", state, TransferDeviceState.class);
    review.get(transferId);
    String name = QueryParameters.text(deviceName);
    return new TransferDevicePage(
        devices.page(transferId, checked, name, page, size),
        page,
        size,
        devices.count(transferId, checked, name));
  }

  @PostMapping(value = "/{transferId}/accept", consumes = MediaType.APPLICATION_JSON_VALUE)
  TransferResponse accept(
      @PathVariable String transferId,
      @RequestBody DecisionRequest request,
      @RequestHeader(name = PRINCIPAL, required = false) @Nullable String principal) {
    return decide(transferId, TransferReview.Action.ACCEPT, request, principal);
  }

  @PostMapping(value = "/{transferId}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
  TransferResponse reject(
      @PathVariable String transferId,
      @RequestBody DecisionRequest request,
      @RequestHeader(name = PRINCIPAL, required = false) @Nullable String principal) {
    return decide(transferId, TransferReview.Action.REJECT, request, principal);
  }

  /** Cancels the transfer: nothing more happens to its devices. Repeating it answers the same. */
  @PostMapping("/{transferId}/cancel")
  TransferResponse cancel(
      @PathVariable String transferId,
      @RequestHeader(name = PRINCIPAL, required = false) @Nullable String principal) {
    return TransferResponse.of(cancellation.cancel(transferId, who(principal)));
  }

  private TransferResponse decide(
      String transferId,
      TransferReview.Action action,
      DecisionRequest request,
      @Nullable String principal) {
    return TransferResponse.of(review.decide(transferId, action, request, who(principal)));
  }

  private static String who(@Nullable String principal) {
    return principal == null || principal.isBlank() ? UNKNOWN_PRINCIPAL : principal;
  }
}
