package io.upgradehub.campaign.transfer;

import java.util.List;

/** One page of transfers, newest first. */
record TransferPage(List<TransferResponse> items, int page, int size, long total) {}
